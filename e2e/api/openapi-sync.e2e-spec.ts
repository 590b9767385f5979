import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOpenApi } from '../../apps/api/src/openapi/openapi-sync.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

describe('the committed OpenAPI document and generated console client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  // `npm run openapi:sync` runs this file with OPENAPI_WRITE=1 to rewrite both.
  const write = process.env.OPENAPI_WRITE === '1';

  it('match what the running API describes (run `npm run openapi:sync` after changing a route or DTO)', () => {
    const report = syncOpenApi(t.app, process.cwd(), write);
    if (write) return;
    expect(report.documentStale, 'apps/api/openapi.json is stale').toBe(false);
    expect(report.clientDiff, 'libs/api-client/src is stale').toEqual([]);
  });

  it('is served at /api/openapi.json with stable Controller_method operation ids', async () => {
    const response = await fetch(`${t.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: unknown };
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );
    expect(ids).toContain('Health_check');
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z]+_[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
