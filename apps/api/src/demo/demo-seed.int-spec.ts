import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { parseEncryptionKeys } from '../config/app-config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { DEMO_ADMIN_EMAIL, DEMO_MANAGER_EMAIL, DEMO_VAPI_PHONE, seedDemo } from './demo-seed.js';

const emr = { url: 'http://127.0.0.1:9/oscar', timezone: 'America/Vancouver', username: '128', password: 'sim-Pa55word' };
const box = new SecretBox(parseEncryptionKeys(randomBytes(32).toString('hex')));

describe('demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates an active demo clinic with hours Mon–Fri 09:00–17:00, a holiday and two users whose passwords work', async () => {
    const first = await seedDemo(db.dataSource, emr, box);
    expect(first.createdCredentials).toBeDefined();
    const [clinic] = await db.dataSource.query('SELECT * FROM clinics WHERE id = $1', [first.clinicId]);
    expect(clinic).toMatchObject({ status: 'active', vapi_phone: DEMO_VAPI_PHONE, timezone: 'America/Vancouver' });
    const hours = await db.dataSource.query(
      'SELECT day_of_week, open_time, close_time, is_closed FROM clinic_hours WHERE clinic_id = $1 ORDER BY day_of_week',
      [first.clinicId],
    );
    expect(hours).toHaveLength(7);
    expect(hours[1]).toEqual({ day_of_week: 1, open_time: '09:00', close_time: '17:00', is_closed: false });
    expect(hours[0].is_closed).toBe(true);
    expect(hours[6].is_closed).toBe(true);
    const holidays = await db.dataSource.query('SELECT date FROM clinic_holidays WHERE clinic_id = $1', [first.clinicId]);
    expect(holidays).toHaveLength(1);
    const [config] = await db.dataSource.query('SELECT * FROM clinic_config WHERE clinic_id = $1', [first.clinicId]);
    expect(config).toMatchObject({ voice_agent_enabled: true, oscar_url: emr.url, oscar_soap_username: '128' });
    expect(config.oscar_soap_password_enc).not.toContain(emr.password);
    expect(box.decrypt(config.oscar_soap_password_enc, clinicSecretContext(first.clinicId, 'oscarSoapPasswordEnc'))).toBe(emr.password);
    const users = await db.dataSource.query('SELECT email, role, clinic_id, password_hash FROM users ORDER BY email');
    const admin = users.find((u: { email: string }) => u.email === DEMO_ADMIN_EMAIL);
    const manager = users.find((u: { email: string }) => u.email === DEMO_MANAGER_EMAIL);
    expect(admin).toMatchObject({ role: 'platform_admin', clinic_id: null });
    expect(manager).toMatchObject({ role: 'clinic_manager', clinic_id: first.clinicId });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(admin.password_hash, first.createdCredentials!.admin.password)).toBe(true);
    expect(await argon2.verify(manager.password_hash, first.createdCredentials!.manager.password)).toBe(true);
    expect(first.createdCredentials!.manager.clinicId).toBe(first.clinicId);
  });

  it('is idempotent: a second run creates nothing and only re-points the clinic at the simulator', async () => {
    const again = await seedDemo(db.dataSource, { ...emr, url: 'http://127.0.0.1:10/oscar' }, box);
    expect(again.createdCredentials).toBeUndefined();
    const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM clinics');
    expect(count).toBe(1);
    const [{ users }] = await db.dataSource.query('SELECT count(*)::int AS users FROM users');
    expect(users).toBe(2);
    const [{ holidays }] = await db.dataSource.query('SELECT count(*)::int AS holidays FROM clinic_holidays');
    expect(holidays).toBe(1);
    const [config] = await db.dataSource.query('SELECT oscar_url FROM clinic_config WHERE clinic_id = $1', [again.clinicId]);
    expect(config.oscar_url).toBe('http://127.0.0.1:10/oscar');
  });
});
