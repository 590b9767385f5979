import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterDirFor } from './embedded-postgres.js';

const isRoot = process.getuid?.() === 0;

describe('where the embedded cluster lives', () => {
  it('stays in the asked directory when every parent can be entered', () => {
    const base = mkdtempSync(join(tmpdir(), 'vd-pgdir-'));
    chmodSync(base, 0o755);
    const wanted = join(base, '.data', 'postgres');
    expect(clusterDirFor(wanted)).toEqual({ dir: wanted });
  });

  it.runIf(isRoot)('moves under the temp dir, and says why, when run as root below a private directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'vd-pgdir-'));
    const privateHome = join(base, 'home');
    mkdirSync(privateHome, { mode: 0o700 });
    chmodSync(privateHome, 0o700);
    const placement = clusterDirFor(join(privateHome, 'project', '.data', 'postgres'));
    expect(placement.dir.startsWith(tmpdir())).toBe(true);
    expect(placement.dir).not.toContain(privateHome);
    expect(placement.movedBecause).toMatch(/not traversable/);
    // stable across restarts, so the data is found again
    expect(clusterDirFor(join(privateHome, 'project', '.data', 'postgres')).dir).toBe(placement.dir);
  });
});
