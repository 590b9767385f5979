import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { pendingSchemaChanges } from './schema-diff.js';
import {
  columnsOf,
  constraintsOf,
  enumsOf,
  foreignKeysOf,
  parseColumn,
  plainIndexesOf,
  routinesAndTriggersOf,
  tablesOf,
  type ColumnShape,
} from './testing/schema-catalog.js';
import {
  EXPECTED_COLUMNS,
  EXPECTED_ENUMS,
  EXPECTED_FOREIGN_KEYS,
  EXPECTED_INDEXES,
  EXPECTED_PRIMARY_KEYS,
  EXPECTED_UNIQUES,
} from './testing/schema.expected.js';

const OUR_TABLES = Object.keys(EXPECTED_COLUMNS).sort();

describe('the migrations build the data model of seed 000 with the SPEC §3 deviations', () => {
  let db: TestDatabase;
  let applied: string[];

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    applied = (await db.dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  });
  afterAll(() => db?.drop());

  it('every migration runs on an empty database, in order', () => {
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('creates the fifteen tables of seed 000, the five of SPEC §3, the three of auth, the three of scheduling, the fax files and the clinic alerts, and nothing else', async () => {
    expect(OUR_TABLES).toHaveLength(28);
    expect(await tablesOf(db.dataSource)).toEqual([...OUR_TABLES, 'migrations'].sort());
  });

  it.each(OUR_TABLES)('%s has exactly the expected columns, types, nullability and defaults', async (table) => {
    const actual = (await columnsOf(db.dataSource))[table];
    const expected: Record<string, ColumnShape> = Object.fromEntries(
      Object.entries(EXPECTED_COLUMNS[table]).map(([column, notation]) => [column, parseColumn(notation)]),
    );
    expect(actual).toEqual(expected);
  });

  it('creates the nine enum types of seed 000 (roles platform_admin / clinic_manager) and the five added ones', async () => {
    expect(await enumsOf(db.dataSource)).toEqual(EXPECTED_ENUMS);
  });

  it('has every unique constraint, named by the naming strategy', async () => {
    expect(await constraintsOf(db.dataSource, 'u')).toEqual(EXPECTED_UNIQUES);
  });

  it('has every index of seed 000 and of the additions', async () => {
    expect(await plainIndexesOf(db.dataSource)).toEqual(EXPECTED_INDEXES);
  });

  it('keys every table as expected', async () => {
    const pks = await constraintsOf(db.dataSource, 'p');
    const byTable = Object.fromEntries(Object.entries(pks).map(([key, columns]) => [key.split('.')[0], columns]));
    delete byTable.migrations;
    expect(byTable).toEqual(EXPECTED_PRIMARY_KEYS);
    expect(Object.keys(pks).filter((k) => !k.startsWith('migrations.'))).toEqual(
      expect.arrayContaining(OUR_TABLES.map((t) => `${t}.pk_${t}`)),
    );
  });

  it('has every foreign key with its ON DELETE rule, named fk_<table>_<column>', async () => {
    const { rules, names } = await foreignKeysOf(db.dataSource);
    expect(rules).toEqual(EXPECTED_FOREIGN_KEYS);
    for (const [key, name] of Object.entries(names)) expect(name).toBe(`fk_${key.replace('.', '_')}`);
  });

  it('holds day_of_week to 0 (Sunday) … 6 with a check constraint', async () => {
    const rows: { def: string }[] = await db.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c' AND conrelid = 'clinic_hours'::regclass`,
    );
    expect(rows.map((r) => r.def)).toEqual(['CHECK (((day_of_week >= 0) AND (day_of_week <= 6)))']);
  });

  it('SPEC §3 deviations are as stated', async () => {
    const columns = await columnsOf(db.dataSource);
    expect(EXPECTED_ENUMS.user_role).toEqual(['platform_admin', 'clinic_manager']);
    expect(columns.audit_logs.user_email.notNull).toBe(false);
    expect(columns.waitlist.details_enc).toEqual({ type: 'text', notNull: false, default: null });
    expect(columns.patient_phone_cache.phone_e164.notNull).toBe(true);
    expect(columns.patient_phone_cache.phone).toBeUndefined();
    // sign-in lockout is counted per account and per IP in auth_throttles only (DropUserLockoutColumns)
    for (const gone of ['failed_login_count', 'last_failed_login_at', 'locked_until']) expect(columns.users[gone]).toBeUndefined();
    expect(columns.auth_throttles.locked_until).toEqual(parseColumn('timestamptz'));
    const uniques = await constraintsOf(db.dataSource, 'u');
    expect(uniques['call_logs.uq_call_logs_vapi_call_id']).toEqual(['vapi_call_id']);
    expect(uniques['clinic_holidays.uq_clinic_holidays_clinic_id_date']).toEqual(['clinic_id', 'date']);
    expect(uniques['tool_call_receipts.uq_tool_call_receipts_vapi_call_id_tool_call_id']).toEqual([
      'vapi_call_id',
      'tool_call_id',
    ]);
    expect(uniques['patient_phone_cache.uq_patient_phone_cache_clinic_id_phone_e164']).toEqual(['clinic_id', 'phone_e164']);
  });

  it('entities and migrations agree: a migration generated from the entities would be empty', async () => {
    expect(await pendingSchemaChanges(db.dataSource)).toEqual({ up: [], down: [] });
  });
});

describe('the migrations revert cleanly', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db?.drop());

  it('undoing every migration leaves only the migrations table, and they apply again', async () => {
    await db.dataSource.runMigrations({ transaction: 'each' });
    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });

    expect(await tablesOf(db.dataSource)).toEqual(['migrations']);
    expect(await db.dataSource.query('SELECT * FROM migrations')).toEqual([]);
    expect(await enumsOf(db.dataSource)).toEqual({});
    expect(await routinesAndTriggersOf(db.dataSource)).toEqual([]);

    const again = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(MIGRATIONS.length);
    expect(await pendingSchemaChanges(db.dataSource)).toEqual({ up: [], down: [] });
  });
});
