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

describe('the OpenAPI document documents every route and DTO', () => {
  type Schema = { type?: string; $ref?: string; allOf?: unknown[]; oneOf?: unknown[]; enum?: unknown[]; example?: unknown; items?: Schema; properties?: Record<string, Schema> };
  type Operation = { summary?: string; tags?: string[]; security?: unknown[]; responses: Record<string, unknown> };
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    const { readFileSync } = await import('node:fs');
    document = JSON.parse(readFileSync('apps/api/openapi.json', 'utf8'));
  });

  it('gives every operation a summary, a tag, a success answer and its error answers', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.summary, `${where} summary`).toBeTruthy();
        expect(op.tags?.length, `${where} tag`).toBeGreaterThan(0);
        const codes = Object.keys(op.responses);
        expect(codes.some((c) => c.startsWith('2')), `${where} success response`).toBe(true);
        expect(codes.some((c) => c.startsWith('4') || c.startsWith('5')), `${where} error responses`).toBe(true);
        if (op.security?.length) expect(codes, `${where} documents 401`).toContain('401');
      }
    }
  });

  it('types every DTO property and gives scalar ones an example', () => {
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        const typed = p.type || p.$ref || p.allOf || p.oneOf || p.enum;
        if (!typed) problems.push(`${name}.${prop} has no type`);
        const scalar = p.type && p.type !== 'object' && p.type !== 'array';
        if (scalar && p.example === undefined && !p.enum) problems.push(`${name}.${prop} has no example`);
      }
    }
    expect(problems).toEqual([]);
  });
});
