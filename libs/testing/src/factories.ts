import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clinic } from '../../../apps/api/src/clinics/clinic.entity.js';
import { ClinicStatus, UserRole } from '../../../apps/api/src/database/enums.js';
import { User } from '../../../apps/api/src/users/user.entity.js';

/** Test data made directly in the database, with random names so suites never collide. */

export const TEST_PASSWORD = 'maple river lantern 42';

/** argon2id with small parameters (tests only): fast, and the app rehashes it on the first sign-in. */
async function quickHash(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

export function randomSuffix(): string {
  return randomBytes(5).toString('hex');
}

/**
 * `+1604555` and 4000–6999 from a random start, the next one on each call: never the same number
 * twice in a test process (a clinic's Vapi number is unique, so two random draws that met would
 * fail a suite by chance), and none of the fixed numbers the fixtures use (all outside that range).
 */
let nextPhone = randomBytes(2).readUInt16BE() % 3_000;
export function randomPhone(): string {
  const n = 4_000 + (nextPhone++ % 3_000);
  return `+1604555${String(n).padStart(4, '0')}`;
}

export async function createClinic(dataSource: DataSource, fields: Partial<Clinic> = {}): Promise<Clinic> {
  const suffix = randomSuffix();
  return dataSource.getRepository(Clinic).save({
    name: `Test Clinic ${suffix}`,
    slug: `test-clinic-${suffix}`,
    timezone: 'America/Vancouver',
    status: ClinicStatus.Active,
    ...fields,
  });
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: UserRole;
  clinicId: string | null;
}

export async function createUser(
  dataSource: DataSource,
  fields: { role?: UserRole; clinicId?: string | null; email?: string; password?: string; isActive?: boolean; firstName?: string } = {},
): Promise<TestUser> {
  const role = fields.role ?? UserRole.ClinicManager;
  const password = fields.password ?? TEST_PASSWORD;
  const email = fields.email ?? `${role === UserRole.PlatformAdmin ? 'admin' : 'manager'}-${randomSuffix()}@test.example`;
  if (role === UserRole.ClinicManager && !fields.clinicId) throw new Error('createUser: a clinic manager needs a clinicId');
  const user = await dataSource.getRepository(User).save({
    email,
    passwordHash: await quickHash(password),
    firstName: fields.firstName ?? 'Test',
    lastName: role === UserRole.PlatformAdmin ? 'Admin' : 'Manager',
    role,
    clinicId: role === UserRole.PlatformAdmin ? null : fields.clinicId!,
    isActive: fields.isActive ?? true,
    passwordChangedAt: new Date(),
  });
  return { id: user.id, email, password, role, clinicId: user.clinicId };
}

export function createAdmin(dataSource: DataSource, fields: { email?: string; password?: string } = {}): Promise<TestUser> {
  return createUser(dataSource, { ...fields, role: UserRole.PlatformAdmin });
}

export async function createManager(
  dataSource: DataSource,
  fields: { clinicId?: string; email?: string; password?: string } = {},
): Promise<TestUser & { clinicId: string }> {
  const clinicId = fields.clinicId ?? (await createClinic(dataSource)).id;
  return createUser(dataSource, { ...fields, role: UserRole.ClinicManager, clinicId }) as Promise<TestUser & { clinicId: string }>;
}
