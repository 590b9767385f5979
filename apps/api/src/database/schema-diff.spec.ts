import { describe, expect, it } from 'vitest';
import { registerMigration, renderMigration } from './schema-diff.js';

const EMPTY_INDEX = `/**
 * Every migration, oldest first.
 */
export const MIGRATIONS: Function[] = [];
`;

describe('migration generator output', () => {
  it('renders up in order and down as given, escaping template-literal syntax', () => {
    const source = renderMigration('AddThing1', { up: ['CREATE TABLE "a" (x text DEFAULT \'`${y}`\')'], down: ['DROP TABLE "a"'] });
    expect(source).toContain("export class AddThing1 implements MigrationInterface {\n  name = 'AddThing1';");
    expect(source).toContain("await queryRunner.query(`CREATE TABLE \"a\" (x text DEFAULT '\\`\\${y}\\`')`);");
    expect(source).toContain('await queryRunner.query(`DROP TABLE "a"`);');
  });

  it('registers the first migration in an empty list', () => {
    expect(registerMigration(EMPTY_INDEX, 'First1', '1-First')).toBe(
      `import { First1 } from './1-First.js';\n\n/**\n * Every migration, oldest first.\n */\nexport const MIGRATIONS: Function[] = [\n  First1,\n];\n`,
    );
  });

  it('appends after the existing imports and entries', () => {
    const once = registerMigration(EMPTY_INDEX, 'First1', '1-First');
    const twice = registerMigration(once, 'Second2', '2-Second');
    expect(twice).toBe(
      `import { First1 } from './1-First.js';\nimport { Second2 } from './2-Second.js';\n\n/**\n * Every migration, oldest first.\n */\nexport const MIGRATIONS: Function[] = [\n  First1,\n  Second2,\n];\n`,
    );
  });
});
