import type { Application } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditedRoutes } from '../../apps/api/src/audit/audit-inventory.js';
import { AUDIT_ACTIONS, isFallbackAction } from '../../apps/api/src/audit/audit-vocabulary.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

describe('every mutating route names its audit action', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has an explicit action from the vocabulary for each POST/PUT/PATCH/DELETE (add @Audit or a row in audit-route-actions.ts)', () => {
    const routes = auditedRoutes(t.app.getHttpAdapter().getInstance() as Application);
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !r.meta || isFallbackAction(r.meta.action)).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'mutating routes recorded only as request.<method>').toEqual([]);
    for (const route of routes) {
      expect(AUDIT_ACTIONS).toContain(route.meta!.action);
      if (route.meta!.onFailure) expect(AUDIT_ACTIONS).toContain(route.meta!.onFailure);
    }
  });

  it('leaves the webhooks out (they are recorded as calls and messages)', () => {
    const routes = auditedRoutes(t.app.getHttpAdapter().getInstance() as Application);
    expect(routes.filter((r) => /^\/api\/(vapi|telnyx)\//.test(r.path))).toEqual([]);
  });
});
