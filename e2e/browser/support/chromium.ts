import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * Which Chromium the browser suites drive, so that `npm test` needs nothing but `npm ci`:
 * 1. `CHROMIUM_PATH` when set (any Chromium build);
 * 2. Debian's `/usr/bin/chromium` when it is installed (skipped with `CHROMIUM_FROM_NPM=1`);
 * 3. else the Chromium inside the `@sparticuz/chromium` npm package (a devDependency), unpacked
 *    under the temp directory on first use (a few seconds) and reused after.
 */
export interface ChosenChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'debian' | 'npm';
  /** extra environment for the browser process */
  env?: Record<string, string>;
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function chooseChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChosenChromium> {
  if (env['CHROMIUM_PATH']) return { executablePath: env['CHROMIUM_PATH'], source: 'CHROMIUM_PATH' };
  if (env['CHROMIUM_FROM_NPM'] !== '1' && existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'debian' };
  const dir = await unpackedNpmChromium();
  // a machine without fontconfig's own configuration gets the package's fonts (else text renders as nothing)
  const fonts = existsSync('/etc/fonts/fonts.conf') ? undefined : { FONTCONFIG_FILE: join(dir, 'voicedesk-fonts.conf') };
  return { executablePath: join(dir, 'chromium'), source: 'npm', ...(fonts ? { env: fonts } : {}) };
}

/**
 * The package's own `executablePath()` writes straight to `<tmpdir>/chromium` and afterwards trusts
 * any file there, so an interrupted or concurrent unpack (two suites, two checkouts) would leave a
 * half-written browser that is launched forever after, and another version's browser would be
 * taken silently. Here it unpacks in a child process whose temp directory is a private staging
 * directory, which is then renamed, whole, to one directory per package version.
 */
async function unpackedNpmChromium(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `voicedesk-chromium-${version}`);
  if (existsSync(join(dir, 'chromium'))) return dir;
  const staging = `${dir}.${process.pid}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const script = `const { default: chromium } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await chromium.executablePath();`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    writeFileSync(join(staging, 'voicedesk-fonts.conf'), fontsConf(dir));
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // another process published the same version first
    if (!existsSync(join(dir, 'chromium'))) throw error;
  }
  return dir;
}

/** fontconfig configuration for the package's fonts (its own fonts.conf points at /tmp/fonts). */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(dir, 'fonts', 'fonts')}</dir>
  <cachedir>${join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}
