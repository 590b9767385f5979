import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * STYLE.md "Console": data comes only through libs/api-client, components never build URLs. The
 * generated client owns every API path (its services' `…Path` constants), so no file of the
 * console — code, templates or tests — should spell one out.
 */
const SOURCE_ROOT = join(import.meta.dirname, '..');
// built from parts so this file does not match itself
const API_PATH = ['', 'api', ''].join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('API addresses', () => {
  it(`no file under apps/console/src contains "${API_PATH}": paths come from the generated client`, () => {
    const offenders = filesUnder(SOURCE_ROOT)
      .filter((file) => readFileSync(file, 'utf8').includes(API_PATH))
      .map((file) => relative(SOURCE_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
