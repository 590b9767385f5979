import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

/**
 * docs/vapi-assistant.md is what an operator pastes into Vapi: every tool it names must be one the
 * running API serves at GET /api/vapi/tools, and its JSON must paste.
 */
const DOC = readFileSync(join(resolve(__dirname, '../..'), 'docs/vapi-assistant.md'), 'utf8');

interface ServedTool {
  type: string;
  function: { name: string };
  messages: { type: string; content: string }[];
}

interface AssistantJson {
  name: string;
  model: { toolIds: string[]; tools: Array<{ type: string; destinations?: Array<{ assistantName?: string }> }> };
  server: { url: string; credentialId: string; backoffPlan?: { type: string; maxRetries: number; baseDelaySeconds: number; excludedStatusCodes?: number[] } };
  serverMessages: string[];
  metadata: { clinicId: string };
}

const jsonBlocks = [...DOC.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

/** The rows (cells) of every markdown table whose header has a column named `column`, and that column's index. */
function tablesWith(column: string): Array<{ at: number; rows: string[][] }> {
  const tables: Array<{ at: number; rows: string[][] }> = [];
  const lines = DOC.split('\n');
  const cellsOf = (line: string) => line.split('|').map((c) => c.trim());
  for (let i = 0; i < lines.length; i++) {
    const at = cellsOf(lines[i]!).indexOf(column);
    if (at < 0 || !/^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) continue;
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cellsOf(lines[j]!));
    tables.push({ at, rows });
  }
  return tables;
}

const tableColumn = (column: string) => tablesWith(column).flatMap(({ at, rows }) => rows.map((cells) => cells[at] ?? ''));

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('docs/vapi-assistant.md against the running API', () => {
  let t: TestApp;
  let served: ServedTool[];
  beforeAll(async () => {
    t = await createTestApp();
    const response = await fetch(`${t.baseUrl}/api/vapi/tools`);
    expect(response.status).toBe(200);
    served = (await response.json()) as ServedTool[];
  });
  afterAll(async () => {
    await t?.close();
  });

  const assistants = () => jsonBlocks.map((b) => JSON.parse(b) as Partial<AssistantJson>).filter((j): j is AssistantJson => !!j.name && !!j.model);
  const placeholderTools = (ids: string[]) => ids.map((id) => /^<tool(?:-zh)?:([a-z_]+)>$/.exec(id)?.[1] ?? `not a tool placeholder: ${id}`);

  it('names only tools that GET /api/vapi/tools serves (tool tables, role table, every assistant JSON)', () => {
    const servedNames = new Set(served.map((tool) => tool.function.name));
    const named = new Set([
      ...tableColumn('tool').flatMap(backticked),
      ...tableColumn('VoiceDesk tools (from `GET /api/vapi/tools`)').flatMap(backticked),
      ...[...DOC.matchAll(/<tool(?:-zh)?:([^>]+)>/g)].map((m) => m[1]!).filter((name) => name !== 'NAME' && name !== '…'),
    ]);
    expect(named.size).toBeGreaterThanOrEqual(13);
    expect([...named].filter((name) => !servedNames.has(name))).toEqual([]);
  });

  it('has JSON that parses, and ten assistants that together carry every served tool', () => {
    expect(jsonBlocks.length).toBeGreaterThanOrEqual(12);
    for (const block of jsonBlocks) expect(() => JSON.parse(block), block.slice(0, 80)).not.toThrow();
    const list = assistants();
    expect(list.map((a) => a.name).sort()).toEqual(
      ['Router', 'Identify', 'Booking', 'Changes', 'Registration'].flatMap((role) => [`VoiceDesk ${role} EN`, `VoiceDesk ${role} ZH`]).sort(),
    );
    const carried = new Set(list.flatMap((a) => placeholderTools(a.model.toolIds)));
    expect([...carried].sort()).toEqual(served.map((tool) => tool.function.name).sort());
  });

  it('wires every assistant the same way: its language’s tool set, log and transfer, server URL, credential, clinic, messages, handoffs to members', () => {
    const list = assistants();
    const names = new Set(list.map((a) => a.name));
    for (const a of list) {
      const zh = a.name.endsWith(' ZH');
      expect(a.model.toolIds.every((id) => id.startsWith(zh ? '<tool-zh:' : '<tool:')), a.name).toBe(true);
      expect(placeholderTools(a.model.toolIds), a.name).toEqual(expect.arrayContaining(['log_call_metadata', 'transfer_call']));
      expect(a.server.url, a.name).toBe('https://<host>/api/vapi/webhook');
      expect(a.server.credentialId, a.name).toBe('<credential id>');
      // Vapi retries nothing by default: an end-of-call report answered 503 (our database restarting) must come again
      const plan = a.server.backoffPlan;
      expect(plan, `${a.name}: server.backoffPlan`).toMatchObject({ type: expect.stringMatching(/^(exponential|fixed)$/) });
      expect(plan!.maxRetries, a.name).toBeGreaterThanOrEqual(1);
      expect(plan!.maxRetries, a.name).toBeLessThanOrEqual(10);
      expect(plan!.baseDelaySeconds, a.name).toBeGreaterThanOrEqual(1);
      expect(plan!.baseDelaySeconds, a.name).toBeLessThanOrEqual(10);
      expect(plan!.excludedStatusCodes ?? [], a.name).not.toContain(503);
      expect(a.metadata.clinicId, a.name).toBe('<clinic id>');
      expect(a.serverMessages, a.name).toEqual(expect.arrayContaining(['tool-calls', 'transfer-destination-request', 'status-update', 'end-of-call-report']));
      const transfer = a.model.tools.find((tool) => tool.type === 'transferCall');
      expect(transfer?.destinations, `${a.name}: transferCall without destinations (VoiceDesk answers the number)`).toEqual([]);
      const handoffs = a.model.tools.find((tool) => tool.type === 'handoff')?.destinations?.map((d) => d.assistantName) ?? [];
      expect(handoffs.length, a.name).toBeGreaterThan(0);
      expect(handoffs.filter((name) => !names.has(name!)), `${a.name} hands off to assistants that are not members`).toEqual([]);
      expect(handoffs, `${a.name} hands off to its role in the other language`).toContain(a.name.replace(/ (EN|ZH)$/, zh ? ' EN' : ' ZH'));
    }
  });

  it('quotes the request-start phrases exactly as served, and gives each a Mandarin one', () => {
    const [table] = tablesWith('request-start, English (as served)');
    expect(table, 'the phrases table of §6.2').toBeDefined();
    const phrases = new Map(table!.rows.map((cells) => [cells[1]!.replace(/`/g, ''), { en: cells[2]!, zh: cells[3]! }]));
    for (const tool of served) {
      const row = phrases.get(tool.function.name);
      expect(row, `${tool.function.name} has a row in §6.2`).toBeDefined();
      const spoken = tool.messages.find((m) => m.type === 'request-start')?.content;
      if (spoken) {
        expect(row!.en).toBe(spoken);
        expect(row!.zh).toMatch(/[\u4e00-\u9fff]/);
      } else {
        expect(row!.en).toMatch(/silent/);
      }
    }
  });

  it('no longer says that confirmation texts are not built', () => {
    expect(DOC).not.toMatch(/SMS module is not built|texts? (are|is) not built/i);
  });
});
