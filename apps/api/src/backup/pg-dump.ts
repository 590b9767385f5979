import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { writeText } from './backup-file.js';
import { APP_SCHEMA, DUMPED_SCHEMAS, MIGRATIONS_TABLE } from './catalog.js';
import { DumpFormatError, END_OF_ROWS, endOfRowsLine, qualified, quoteIdent, TableDigester, tableLine, type DumpedTable, type TableDigest } from './dump-format.js';

/**
 * The pg_dump path, taken only when a `pg_dump` of the server's major version is on the PATH (an
 * older one cannot dump a newer server; a newer one may write what this server lacks). pg_dump
 * reads the rows in the backup's own snapshot (`--snapshot`, exported by the connection that read
 * the manifest) and writes them as plain COPY blocks, which are carried over into the backup's
 * dump format unchanged — so there is one file format and one restore whichever path was used.
 */
export interface PgDumpClient {
  version: string;
  major: number;
}

/** `pg_dump --version` when it is on the PATH and of `serverMajor`; otherwise null (and why). */
export async function matchingPgDump(serverMajor: number): Promise<{ client: PgDumpClient | null; reason: string }> {
  let output: string;
  try {
    output = (await promisify(execFile)('pg_dump', ['--version'], { timeout: 10_000 })).stdout;
  } catch {
    return { client: null, reason: 'no pg_dump on the PATH' };
  }
  const found = parsePgDumpVersion(output);
  if (!found) return { client: null, reason: `unrecognised pg_dump --version: ${output.trim().slice(0, 80)}` };
  if (found.major !== serverMajor) {
    return { client: null, reason: `pg_dump ${found.version} on the PATH cannot dump PostgreSQL ${serverMajor}` };
  }
  return { client: found, reason: `pg_dump ${found.version} matches the server` };
}

export function parsePgDumpVersion(output: string): PgDumpClient | null {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  return { version: match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`, major: Number(match[1]) };
}

/** Splits `"a"."b"` / `"x", "y"` (as written by --quote-all-identifiers) into names. */
export function parseQuotedIdentifiers(text: string, separator: '.' | ','): string[] {
  const names: string[] = [];
  const pattern = /\s*"((?:[^"]|"")*)"\s*/y;
  let at = 0;
  for (;;) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new DumpFormatError(`cannot read identifiers in ${text.slice(0, 120)}`);
    names.push(match[1].replace(/""/g, '"'));
    at = pattern.lastIndex;
    if (at === text.length) return names;
    if (text[at] !== separator) throw new DumpFormatError(`cannot read identifiers in ${text.slice(0, 120)}`);
    at += 1;
  }
}

const COPY_LINE = /^COPY (.+?) \((.*)\) FROM stdin;$/;

/** The table a plain-format `COPY … FROM stdin;` line opens, or null for any other line. */
export function parseCopyLine(line: string): DumpedTable | null {
  const match = COPY_LINE.exec(line);
  if (!match) return null;
  const [schema, name] = parseQuotedIdentifiers(match[1], '.');
  if (!schema || !name) throw new DumpFormatError(`unqualified table in ${line.slice(0, 120)}`);
  return { schema, name, columns: parseQuotedIdentifiers(match[2], ',') };
}

/**
 * Carries pg_dump's plain, data-only output (read line by line) into the dump format: its COPY
 * blocks become table sections; SET lines, comments and setval calls are left out (sequences are in
 * the manifest). Checks that it dumped exactly the manifest's tables.
 */
export async function carryPgDumpOutput(lines: AsyncIterable<string>, expected: DumpedTable[], out: Writable): Promise<TableDigest[]> {
  const wanted = new Set(expected.map(qualified));
  const digests: TableDigest[] = [];
  let current: { table: DumpedTable; digester: TableDigester; batch: string; rows: number } | undefined;
  const flush = async () => {
    if (!current || !current.batch) return;
    current.digester.addRows(current.batch, current.rows);
    await writeText(out, current.batch);
    current.batch = '';
    current.rows = 0;
  };
  for await (const line of lines) {
    if (current) {
      if (line === END_OF_ROWS) {
        await flush();
        await writeText(out, endOfRowsLine);
        digests.push(current.digester.digest());
        current = undefined;
        continue;
      }
      current.batch += `${line}\n`;
      current.rows += 1;
      if (current.batch.length >= 256 * 1024) await flush();
      continue;
    }
    const table = parseCopyLine(line);
    if (!table) continue;
    if (!wanted.delete(qualified(table))) throw new DumpFormatError(`pg_dump dumped ${qualified(table)}, which the manifest does not list`);
    await writeText(out, tableLine(table));
    current = { table, digester: new TableDigester(table), batch: '', rows: 0 };
  }
  if (current) throw new DumpFormatError(`pg_dump's output ends inside ${qualified(current.table)}`);
  if (wanted.size) throw new DumpFormatError(`pg_dump did not dump ${[...wanted].join(', ')}`);
  return digests;
}

/** Runs pg_dump in `snapshot` and carries its rows into `out`. */
export async function pgDumpTables(databaseUrl: string, snapshot: string, expected: DumpedTable[], out: Writable): Promise<TableDigest[]> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const args = [
    '--data-only',
    '--format=plain',
    '--no-owner',
    '--no-privileges',
    '--quote-all-identifiers',
    '--encoding=UTF8',
    `--snapshot=${snapshot}`,
    ...DUMPED_SCHEMAS.map((schema) => `--schema=${quoteIdent(schema)}`),
    `--exclude-table-data=${quoteIdent(APP_SCHEMA)}.${quoteIdent(MIGRATIONS_TABLE)}`,
    `--dbname=${url.toString()}`,
  ];
  // the password goes through the environment, never the command line (visible to `ps`)
  const child = spawn('pg_dump', args, { env: { ...process.env, PGPASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000);
  });
  const exited = once(child, 'close') as Promise<[number | null]>;
  try {
    const digests = await carryPgDumpOutput(createInterface({ input: child.stdout, crlfDelay: Infinity }), expected, out);
    const [code] = await exited;
    if (code !== 0) throw new Error(`pg_dump failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`);
    return digests;
  } catch (error) {
    child.kill();
    throw error;
  }
}
