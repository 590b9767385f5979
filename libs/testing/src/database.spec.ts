import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

describe('test databases', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('gives each suite its own real PostgreSQL database with the migrations applied', async () => {
    expect(a.name).not.toBe(b.name);
    const [{ version }] = await a.dataSource.query('SELECT version()');
    expect(version).toMatch(/^PostgreSQL 1[6-9]/);
    await a.dataSource.query('CREATE TABLE only_in_a (id int)');
    const seen = await b.dataSource.query(`SELECT to_regclass('only_in_a') AS t`);
    expect(seen[0].t).toBeNull();
    const migrations = await a.dataSource.query(`SELECT to_regclass('migrations') AS t`);
    expect(migrations[0].t).toBe('migrations');
  });
});
