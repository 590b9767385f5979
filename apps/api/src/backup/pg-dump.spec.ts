import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { carryPgDumpOutput, parseCopyLine, parsePgDumpVersion, parseQuotedIdentifiers } from './pg-dump.js';

/** What `pg_dump --data-only --format=plain --quote-all-identifiers` writes (abridged). */
const PG_DUMP_OUTPUT = [
  '--',
  '-- PostgreSQL database dump',
  '--',
  "SET statement_timeout = 0;",
  "SELECT pg_catalog.set_config('search_path', '', false);",
  '--',
  '-- Data for Name: clinics; Type: TABLE DATA; Schema: public; Owner: voicedesk',
  '--',
  '',
  'COPY "public"."clinics" ("id", "name", "odd ""name""") FROM stdin;',
  'c1\tNorth Shore\\nClinic\t\\N',
  'c2\tWest End\tx',
  '\\.',
  '',
  'COPY "pgboss"."job_common" ("id", "name") FROM stdin;',
  '\\.',
  '',
  "SELECT pg_catalog.setval('\"public\".\"x_seq\"', 5, true);",
];

describe('the pg_dump path', () => {
  it('reads the version of pg_dump', () => {
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n')).toEqual({ version: '15.14', major: 15 });
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 18.1\n')).toEqual({ version: '18.1', major: 18 });
    expect(parsePgDumpVersion('something else')).toBeNull();
  });

  it('reads quoted identifiers, doubled quotes included', () => {
    expect(parseQuotedIdentifiers('"public"."clinics"', '.')).toEqual(['public', 'clinics']);
    expect(parseQuotedIdentifiers('"id", "odd ""name""", "a,b"', ',')).toEqual(['id', 'odd "name"', 'a,b']);
    expect(() => parseQuotedIdentifiers('public.clinics', '.')).toThrow();
    expect(parseCopyLine('SET x = 1;')).toBeNull();
    expect(parseCopyLine('COPY "public"."t" ("a") FROM stdin;')).toEqual({ schema: 'public', name: 't', columns: ['a'] });
  });

  it('carries its COPY blocks into the dump format and leaves everything else out', async () => {
    const out = new PassThrough();
    const written = text(out);
    const digests = await carryPgDumpOutput(
      (async function* () {
        yield* PG_DUMP_OUTPUT;
      })(),
      [
        { schema: 'public', name: 'clinics', columns: ['id', 'name', 'odd "name"'] },
        { schema: 'pgboss', name: 'job_common', columns: ['id', 'name'] },
      ],
      out,
    );
    out.end();
    expect(await written).toBe(
      'T {"schema":"public","name":"clinics","columns":["id","name","odd \\"name\\""]}\n' +
        'c1\tNorth Shore\\nClinic\t\\N\nc2\tWest End\tx\n\\.\n' +
        'T {"schema":"pgboss","name":"job_common","columns":["id","name"]}\n\\.\n',
    );
    expect(digests.map((d) => [d.name, d.rows])).toEqual([['clinics', 2], ['job_common', 0]]);
  });

  it('fails when pg_dump left out a table of the manifest, or dumped one it does not list', async () => {
    const lines = async function* () {
      yield* PG_DUMP_OUTPUT;
    };
    await expect(carryPgDumpOutput(lines(), [{ schema: 'public', name: 'clinics', columns: [] }], new PassThrough())).rejects.toThrow(/does not list/);
    const all = [
      { schema: 'public', name: 'clinics', columns: [] },
      { schema: 'pgboss', name: 'job_common', columns: [] },
      { schema: 'public', name: 'users', columns: [] },
    ];
    const sink = new PassThrough();
    sink.resume();
    await expect(carryPgDumpOutput(lines(), all, sink)).rejects.toThrow(/did not dump public.users/);
  });
});
