import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../libs/testing/src/database.js';
import { createAdmin, createClinic, createManager } from '../../../../../libs/testing/src/factories.js';
import { signInToken } from '../../../../../libs/testing/src/http.js';
import { AuthModule } from '../../auth/auth.module.js';
import { loadConfig } from '../../config/app-config.js';
import { AppConfigModule } from '../../config/config.module.js';
import { dataSourceOptions } from '../../database/data-source.js';
import { IsString } from 'class-validator';
import { HttpErrorFilter } from '../errors/http-exception.filter.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { AdminOnly, ClinicAccess, CurrentUser, Public, SignedIn, type AuthUser } from './index.js';


class NoteDto {
  @IsString()
  text: string;
}

/** A feature module as another engineer would write it, to check the decorators from the outside. */
@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('undecorated')
  undecorated(@CurrentUser() user: AuthUser) {
    return { id: user.id };
  }

  @Get('signed-in')
  @SignedIn()
  signedIn(@CurrentUser() user: AuthUser) {
    return { role: user.role };
  }

  @Get('admin')
  @AdminOnly()
  admin() {
    return { ok: true };
  }

  @Get('clinics/:clinicId/things')
  @ClinicAccess()
  things(@Param('clinicId') clinicId: string) {
    return { clinicId };
  }

  @Post('clinics/:clinicId/notes')
  @ClinicAccess()
  note(@Param('clinicId') clinicId: string, @Body() body: NoteDto) {
    return { clinicId, body };
  }
}

describe('access decorators used by a feature module', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  const tokens: Record<string, string> = {};
  let clinicA: string;
  let clinicB: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }, mkdtempSync(join(tmpdir(), 'vd-guard-')));
    @Module({
      imports: [AppConfigModule.forRoot(config), TypeOrmModule.forRoot(dataSourceOptions(db.url)), AuthModule],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.setGlobalPrefix('api');
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    const probe = { baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
    base = `${probe.baseUrl}/api`;

    clinicA = (await createClinic(db.dataSource)).id;
    clinicB = (await createClinic(db.dataSource)).id;
    const admin = await createAdmin(db.dataSource);
    const manager = await createManager(db.dataSource, { clinicId: clinicA });
    tokens.admin = await signInToken(probe, admin);
    tokens.manager = await signInToken(probe, manager);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get = async (path: string, who?: string) => {
    const response = await fetch(`${base}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('@Public routes are open; routes without a decorator are closed (deny by default)', async () => {
    expect((await get('/open')).status).toBe(200);
    expect((await get('/undecorated')).status).toBe(401);
    expect((await get('/undecorated', 'manager')).status).toBe(200);
    expect((await get('/signed-in')).status).toBe(401);
    expect((await get('/signed-in', 'manager')).body).toEqual({ role: 'clinic_manager' });
  });

  it('@AdminOnly answers 403 to a manager', async () => {
    expect((await get('/admin', 'admin')).status).toBe(200);
    const manager = await get('/admin', 'manager');
    expect(manager.status).toBe(403);
    expect(manager.body).toMatchObject({ statusCode: 403, error: 'Forbidden', errors: [] });
  });

  it('@ClinicAccess: an admin reaches any clinic; a manager only theirs, and any other is the same 404 as a clinic that does not exist', async () => {
    expect((await get(`/clinics/${clinicB}/things`, 'admin')).status).toBe(200);
    expect((await get(`/clinics/${clinicA}/things`, 'manager')).body).toEqual({ clinicId: clinicA });
    const other = await get(`/clinics/${clinicB}/things`, 'manager');
    const missing = await get('/clinics/00000000-0000-4000-8000-000000000000/things', 'manager');
    const malformed = await get('/clinics/not-a-uuid/things', 'manager');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(malformed.body).toEqual(missing.body);
    expect(other.body.message).toBe('Clinic not found');
    expect((await get(`/clinics/${clinicA}/things`)).status).toBe(401);
  });

  it('@ClinicAccess drops a clinicId sent in the body before validation: the route decides, and the DTO need not know', async () => {
    const response = await fetch(`${base}/clinics/${clinicA}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.manager}` },
      body: JSON.stringify({ clinicId: clinicB, text: 'hello' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ clinicId: clinicA, body: { text: 'hello' } });
  });

  it('documents the security of each route in OpenAPI', async () => {
    const { SwaggerModule, DocumentBuilder } = await import('@nestjs/swagger');
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer').build());
    const op = (path: string, method = 'get') => (document.paths[`/api${path}`] as Record<string, any>)[method];
    expect(op('/open').security).toBeUndefined();
    expect(op('/signed-in').security).toEqual([{ bearer: [] }]);
    expect(Object.keys(op('/signed-in').responses)).toContain('401');
    expect(Object.keys(op('/admin').responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(Object.keys(op('/clinics/{clinicId}/things').responses)).toEqual(expect.arrayContaining(['401', '404']));
    expect(Object.keys(op('/clinics/{clinicId}/things').responses)).not.toContain('403');
  });
});
