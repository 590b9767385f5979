import { createHash, type Hash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * The logical dump inside a backup file (after decryption and gunzip), line by line:
 *
 *   VOICEDESK-DUMP 1
 *   M {manifest}                      what was dumped, from one snapshot
 *   T {"schema","name","columns"}     a table, in load order (parents before children), then
 *   <COPY text rows>                  its rows in PostgreSQL's COPY text format (one row a line:
 *   \.                                newlines, CRs and backslashes inside values are escaped)
 *   …
 *   E {trailer}                       rows and SHA-256 of every table, checked by the reader
 *
 * The same format whichever way the rows were read (in-process COPY or pg_dump), so there is one
 * restore. Nothing in it is encrypted: the whole stream is (backup-file.ts).
 */
export const DUMP_MAGIC = 'VOICEDESK-DUMP 1';
export const END_OF_ROWS = '\\.';

export type DumpMethod = { kind: 'logical' } | { kind: 'pg_dump'; version: string };

export interface DumpedTable {
  schema: string;
  name: string;
  /** the columns COPY carries (generated columns excluded), in dump order */
  columns: string[];
}

/** A leaf partition of the job queue's partitioned tables, recreated before its rows are loaded. */
export interface DumpedPartition {
  schema: string;
  name: string;
  parentSchema: string;
  parent: string;
  /** `FOR VALUES …` or `DEFAULT`, as pg_get_expr wrote it (timestamps in UTC) */
  bound: string;
}

export interface DumpedSequence {
  schema: string;
  name: string;
  /** null when never used (nextval() not yet called) */
  lastValue: string | null;
}

export interface DumpedQueue {
  schema: string;
  /** pg-boss's schema version (`pgboss.version`) */
  schemaVersion: number;
  /** queues with a table of their own (`partition: true`), recreated with pgboss.create_queue */
  partitionedQueues: { name: string; policy: string | null; tableName: string }[];
}

export interface DumpManifest {
  createdAt: string;
  method: DumpMethod;
  server: { version: string; major: number };
  /** names of the applied migrations, in the order they ran */
  migrations: string[];
  /** null when the job queue was never started on this database */
  queue: DumpedQueue | null;
  /** every table whose rows follow, in load order */
  tables: DumpedTable[];
  partitions: DumpedPartition[];
  sequences: DumpedSequence[];
}

export interface TableDigest {
  schema: string;
  name: string;
  rows: number;
  sha256: string;
}

export interface DumpTrailer {
  tables: TableDigest[];
}

export const qualified = (t: { schema: string; name: string }): string => `${t.schema}.${t.name}`;

/** `"schema"."name"` for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteTable(t: { schema: string; name: string }): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

export class DumpFormatError extends Error {
  constructor(reason: string) {
    super(`backup contents: ${reason}`);
    this.name = 'DumpFormatError';
  }
}

export function manifestLine(manifest: DumpManifest): string {
  return `${DUMP_MAGIC}\nM ${JSON.stringify(manifest)}\n`;
}

export function tableLine(table: DumpedTable): string {
  return `T ${JSON.stringify({ schema: table.schema, name: table.name, columns: table.columns })}\n`;
}

export const endOfRowsLine = `${END_OF_ROWS}\n`;

export function trailerLine(trailer: DumpTrailer): string {
  return `E ${JSON.stringify(trailer)}\n`;
}

/** Counts and hashes the row bytes of one table as they are written or read. */
export class TableDigester {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  constructor(private readonly table: { schema: string; name: string }) {}

  /** a whole number of row lines, each ending in \n */
  addRows(bytes: Buffer | string, rows: number): void {
    this.hash.update(bytes);
    this.rows += rows;
  }

  digest(): TableDigest {
    return { schema: this.table.schema, name: this.table.name, rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

export interface DumpHandlers {
  manifest(manifest: DumpManifest): Promise<void>;
  /** must consume `rows` (batches of whole row lines, each ending in \n) to the end */
  table(table: DumpedTable, rows: AsyncIterable<{ text: string; count: number }>): Promise<void>;
  trailer(trailer: DumpTrailer): Promise<void>;
}

const ROW_BATCH_CHARS = 256 * 1024;

/**
 * Reads a dump, calling the handlers in order; checks every table's rows and hash against the
 * trailer before `trailer` is called, so a caller can commit only a dump that was read whole.
 */
export async function readDump(input: Readable, handlers: DumpHandlers): Promise<DumpTrailer> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> => {
    const line = await lines.next();
    return line.done ? undefined : line.value;
  };
  const json = <T>(line: string, tag: string): T => {
    if (!line.startsWith(`${tag} `)) throw new DumpFormatError(`expected a ${tag} line`);
    return JSON.parse(line.slice(2)) as T;
  };
  if ((await next()) !== DUMP_MAGIC) throw new DumpFormatError('not a VoiceDesk dump');
  const manifestText = await next();
  if (manifestText === undefined) throw new DumpFormatError('no manifest');
  const manifest = json<DumpManifest>(manifestText, 'M');
  await handlers.manifest(manifest);
  const digests: TableDigest[] = [];
  for (;;) {
    const line = await next();
    if (line === undefined) throw new DumpFormatError('ends before its trailer');
    if (line.startsWith('E ')) {
      const trailer = json<DumpTrailer>(line, 'E');
      checkTrailer(manifest, digests, trailer);
      if ((await next()) !== undefined) throw new DumpFormatError('data after the trailer');
      await handlers.trailer(trailer);
      return trailer;
    }
    const table = json<DumpedTable>(line, 'T');
    const digester = new TableDigester(table);
    let finished = false;
    async function* rows(): AsyncGenerator<{ text: string; count: number }> {
      let batch = '';
      let count = 0;
      for (;;) {
        const row = await next();
        if (row === undefined) throw new DumpFormatError(`rows of ${qualified(table)} end early`);
        if (row === END_OF_ROWS) break;
        batch += `${row}\n`;
        count += 1;
        if (batch.length >= ROW_BATCH_CHARS) {
          digester.addRows(batch, count);
          yield { text: batch, count };
          batch = '';
          count = 0;
        }
      }
      if (count) {
        digester.addRows(batch, count);
        yield { text: batch, count };
      }
      finished = true;
    }
    await handlers.table(table, rows());
    if (!finished) throw new DumpFormatError(`the rows of ${qualified(table)} were not read to the end`);
    digests.push(digester.digest());
  }
}

function checkTrailer(manifest: DumpManifest, read: TableDigest[], trailer: DumpTrailer): void {
  const expected = manifest.tables.map(qualified).sort();
  const seen = read.map(qualified).sort();
  if (JSON.stringify(expected) !== JSON.stringify(seen)) throw new DumpFormatError('its tables are not the ones its manifest lists');
  const byName = new Map(trailer.tables.map((t) => [qualified(t), t]));
  for (const digest of read) {
    const recorded = byName.get(qualified(digest));
    if (!recorded || recorded.rows !== digest.rows || recorded.sha256 !== digest.sha256) {
      throw new DumpFormatError(`the rows of ${qualified(digest)} do not match the trailer`);
    }
  }
}
