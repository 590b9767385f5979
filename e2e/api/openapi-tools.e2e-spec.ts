import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The committed OpenAPI document (apps/api/openapi.json) as tools other than our own generator
 * read it: Redocly's recommended rules (redocly.yaml, .redocly.lint-ignore.yaml) and a second,
 * independent generator (openapi-typescript) whose types must compile. Both run offline: a
 * preload refuses and records every connection or DNS lookup they try.
 */
const root = resolve(__dirname, '../..');
const DOCUMENT = join(root, 'apps/api/openapi.json');
const NO_NETWORK = join(root, 'libs/testing/src/no-network.mjs');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'vd-openapi-tools-'));

/** Runs a node script with the no-network preload; answers its output and every network attempt. */
async function offline(script: string, args: string[], cwd = root) {
  const log = join(work, `network-${Math.random().toString(36).slice(2)}.log`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_NETWORK_LOG: log, NODE_OPTIONS: `--import ${pathToFileURL(NO_NETWORK).href}` };
  // telemetry must be off through redocly.yaml, not through the environment the test happens to have
  delete env.REDOCLY_TELEMETRY;
  const result = await run(process.execPath, [script, ...args], { cwd, env, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '', code: error.code }),
  );
  const attempts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { stdout: result.stdout, stderr: result.stderr, code: 'code' in result ? result.code : 0, attempts };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the committed OpenAPI document read by other tools', () => {
  it("passes Redocly's recommended rules with no error and no unexplained warning, without network access", async () => {
    const lint = await offline(join(root, 'node_modules/@redocly/cli/bin/cli.js'), ['lint', '--config', 'redocly.yaml', '--format', 'json']);
    expect(lint.attempts, 'network access while linting').toEqual([]);
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number; ignored: number }; problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(lint.code).toBe(0);
  }, 60_000);

  it('gives openapi-typescript types that compile and type the nullable fields and every operation', async () => {
    const out = join(work, 'openapi.ts');
    // from the work directory: openapi-typescript would otherwise read redocly.yaml as its own config
    const generated = await offline(join(root, 'node_modules/openapi-typescript/bin/cli.js'), [DOCUMENT, '--output', out], work);
    expect(generated.attempts, 'network access while generating').toEqual([]);
    expect(existsSync(out), generated.stderr).toBe(true);

    const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    writeFileSync(
      join(work, 'probe.ts'),
      [
        "import type { components, operations } from './openapi';",
        "type Schemas = components['schemas'];",
        // fields that were `nullable` without a type: null and a real value are both accepted
        "export const noIntent: Schemas['CallLogSummaryDto']['intent'] = null;",
        "export const intent: Schemas['CallLogSummaryDto']['intent'] = 'book';",
        "export const noOutcome: Schemas['CallLogDetailDto']['outcome'] = null;",
        "export const inherited: Schemas['EffectiveSettingDto']['value'] = null;",
        "export const minutes: Schemas['EffectiveSettingDto']['value'] = 30;",
        "export const cleared: Schemas['UpdateEmrSectionDto']['oscarSoapPassword'] = null;",
        "export const secret: Schemas['UpdateVoiceSectionDto']['vapiWebhookSecret'] = 'a-new-secret';",
        '// @ts-expect-error: a value outside the enum is refused',
        "export const wrong: Schemas['CallLogSummaryDto']['intent'] = 'lunch';",
        ...operationIds.map((id, i) => `export type Op${i} = operations['${id}'];`),
        '',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const compiled = await run(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', join(work, 'probe.ts')], { cwd: work }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(compiled, 'tsc errors in the openapi-typescript output').toBe('');
    expect(operationIds.length).toBeGreaterThan(50);
  }, 90_000);
});
