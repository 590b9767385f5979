import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { migrationName } from '../database/data-source.js';
import { jobQueueSchemaVersion, planMigrations, RestoreRefusedError } from './restore.js';

const names = MIGRATIONS.map(migrationName);

describe('which migrations a restore runs', () => {
  it('rebuilds the schema of a backup at the latest migration and runs nothing after', () => {
    const plan = planMigrations(names);
    expect(plan.before).toEqual(MIGRATIONS);
    expect(plan.after).toEqual([]);
  });

  it('rebuilds an older backup with the migrations it had, and migrates it forward with the rest', () => {
    const plan = planMigrations(names.slice(0, 3));
    expect(plan.before).toEqual(MIGRATIONS.slice(0, 3));
    expect(plan.after).toEqual(MIGRATIONS.slice(3));
  });

  it('keeps the code\'s order when the backup ran a later migration before an earlier one (merged branches)', () => {
    const plan = planMigrations([names[0], names[2], names[1]]);
    expect(plan.before).toEqual(MIGRATIONS.slice(0, 3));
  });

  it('refuses a backup that knows a migration this code does not, naming it', () => {
    expect(() => planMigrations([...names, 'Later1999999999999'])).toThrow(RestoreRefusedError);
    expect(() => planMigrations([...names, 'Later1999999999999'])).toThrow(/Later1999999999999/);
  });

  it('knows the job queue schema version of this build\'s pg-boss', () => {
    expect(jobQueueSchemaVersion()).toBeGreaterThanOrEqual(46);
  });
});
