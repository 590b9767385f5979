import { Body, Controller, Global, HttpCode, Module, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Public } from '../../apps/api/src/common/auth/public.decorator.js';
import { HttpErrorFilter } from '../../apps/api/src/common/errors/http-exception.filter.js';
import { isOverloaded } from '../../apps/api/src/common/throttling/overload.js';
import { ThrottlingModule } from '../../apps/api/src/common/throttling/throttling.module.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { AppConfigModule } from '../../apps/api/src/config/config.module.js';
import { createTestDatabase, type TestDatabase } from '../../libs/testing/src/database.js';

/**
 * Webhook limits, per clinic: the rate-limit guard on its own. Echo routes sit at the webhook paths
 * behind the real guard and report whether a delivery was flagged as overloaded, so the keying (per
 * clinic, per number, per sender address) is visible without the webhooks' own authentication.
 * That the real Vapi webhook turns the flag into a spoken BUSY answered 200 is tested in
 * e2e/api/vapi-webhook.e2e-spec.ts ("are answered 200 with a spoken BUSY error per tool call").
 */
@Controller()
class StandInWebhooksController {
  @Post('vapi/webhook')
  @Public()
  @HttpCode(200)
  vapi(@Req() request: Request, @Body() _body: unknown) {
    return { overloaded: isOverloaded(request) };
  }

  @Post('telnyx/webhook')
  @Public()
  @HttpCode(200)
  telnyx(@Req() request: Request) {
    return { overloaded: isOverloaded(request) };
  }
}

const LIMIT = 3;

describe('webhook deliveries are limited per clinic, and a tool call is never answered 429', () => {
  let app: NestExpressApplication;
  let baseUrl: string;
  let db: TestDatabase;

  beforeAll(async () => {
    // the sign-in limits count in PostgreSQL (shared by replicas): the guard's module needs the database
    db = await createTestDatabase();
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: db.dataSource }], exports: [DataSource] })
    class DatabaseModule {}
    const cwd = mkdtempSync(join(tmpdir(), 'vd-rl-'));
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_WEBHOOK_PER_MINUTE: String(LIMIT), RATE_LIMIT_PER_MINUTE: '1' }, cwd);
    @Module({ imports: [AppConfigModule.forRoot(config), DatabaseModule, ThrottlingModule], controllers: [StandInWebhooksController] })
    class StandInModule {}
    app = await NestFactory.create<NestExpressApplication>(StandInModule, { logger: false });
    app.set('trust proxy', 'loopback'); // as bootstrap.ts: X-Forwarded-For from loopback names the client
    app.setGlobalPrefix('api');
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function post(path: string, body: unknown, ip = '192.0.2.10') {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any, retryAfter: response.headers.get('retry-after') };
  }

  const vapi = (type: string, dialled: string) => ({
    message: {
      type,
      call: { id: 'call-1', phoneNumberId: 'pn-1', customer: { number: '+16045551234' } },
      phoneNumber: { id: 'pn-1', number: dialled },
      toolCallList: [{ id: 'tc-1', type: 'function', function: { name: 'get_clinic_info', arguments: {} } }],
    },
  });

  it('lets a burst of tool calls far above the limit through, flagging the ones over it as overloaded', async () => {
    const answers = [];
    for (let i = 0; i < LIMIT + 7; i++) answers.push(await post('/api/vapi/webhook', vapi('tool-calls', '+16045550101')));
    expect(answers.map((a) => a.status)).toEqual(Array(LIMIT + 7).fill(200));
    expect(answers.map((a) => a.body.overloaded)).toEqual([...Array(LIMIT).fill(false), ...Array(7).fill(true)]);
    expect(answers.every((a) => a.retryAfter === null)).toBe(true);
  });

  it('answers other Vapi messages of the same clinic 429 once its limit is spent', async () => {
    const report = await post('/api/vapi/webhook', vapi('end-of-call-report', '+16045550101'));
    expect(report.status).toBe(429);
    expect(report.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', errors: [] });
    expect(Number(report.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('counts each clinic apart, even from the same Vapi address, and the general limit never applies', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const answer = await post('/api/vapi/webhook', vapi('status-update', '+16045550202'));
      expect(answer).toMatchObject({ status: 200, body: { overloaded: false } });
    }
    const byOverride = { message: { type: 'status-update', metadata: { clinicId: 'b1e4d0c2-0000-4000-8000-000000000001' } } };
    for (let i = 0; i < LIMIT; i++) expect((await post('/api/vapi/webhook', byOverride)).status).toBe(200);
    expect((await post('/api/vapi/webhook', byOverride)).status).toBe(429);
  });

  it('limits Telnyx deliveries per number of ours (recipient inbound, sender of receipts)', async () => {
    const inbound = { data: { event_type: 'message.received', payload: { direction: 'inbound', to: [{ phone_number: '+16045550303' }] } } };
    const receipt = { data: { event_type: 'message.finalized', payload: { direction: 'outbound', from: { phone_number: '+16045550303' } } } };
    for (let i = 0; i < LIMIT - 1; i++) expect((await post('/api/telnyx/webhook', inbound)).status).toBe(200);
    expect((await post('/api/telnyx/webhook', receipt)).status).toBe(200);
    expect((await post('/api/telnyx/webhook', inbound)).status).toBe(429);
    const otherNumber = { data: { payload: { direction: 'inbound', to: '+16045550404' } } };
    expect((await post('/api/telnyx/webhook', otherNumber)).status).toBe(200);
  });

  it('falls back to the sender address when a payload names no clinic', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await post('/api/vapi/webhook', { message: { type: 'status-update' } }, '192.0.2.77')).status).toBe(200);
    expect((await post('/api/vapi/webhook', { message: { type: 'status-update' } }, '192.0.2.77')).status).toBe(429);
    expect((await post('/api/vapi/webhook', { message: { type: 'status-update' } }, '192.0.2.78')).status).toBe(200);
  });
});
