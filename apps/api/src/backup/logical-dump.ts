import type { Writable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { writeText } from './backup-file.js';
import { endOfRowsLine, quoteIdent, quoteTable, TableDigester, tableLine, type DumpedTable, type TableDigest } from './dump-format.js';

/**
 * The in-process dump: every table's rows with `COPY … TO STDOUT` (pg-copy-streams) on the
 * connection that holds the backup's repeatable-read snapshot, so all tables are read as of one
 * instant while the application keeps writing. Needs no client binaries, so it works against any
 * server version (the embedded PostgreSQL ships no pg_dump; Debian's is older than it).
 */
export async function copyTablesOut(client: pg.Client, tables: DumpedTable[], out: Writable): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const table of tables) {
    await writeText(out, tableLine(table));
    const digester = new TableDigester(table);
    const copy = client.query(copyTo(`COPY ${quoteTable(table)} (${table.columns.map(quoteIdent).join(', ')}) TO STDOUT`));
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      digester.addRows(chunk, 0);
      await writeText(out, chunk);
    }
    digester.rows = copy.rowCount;
    await writeText(out, endOfRowsLine);
    digests.push(digester.digest());
  }
  return digests;
}
