import { generate } from 'otplib';
import { UserRole } from '../../../apps/api/src/database/enums.js';
import type { TestApp } from '../../../libs/testing/src/app.js';
import { type TestUser, createUser } from '../../../libs/testing/src/factories.js';

export { UserRole };

/** A user made in the database with libs/testing's factories, and the name the console greets. */
export interface Person extends TestUser {
  name: string;
}

export async function createPerson(app: TestApp, fields: { role: UserRole; clinicId?: string; firstName: string }): Promise<Person> {
  const user = await createUser(app.db.dataSource, fields);
  return { ...user, name: `${fields.firstName} ${fields.role === UserRole.PlatformAdmin ? 'Admin' : 'Manager'}` };
}

/** The 6-digit code an authenticator shows `stepsAhead` 30-second steps from now. */
export function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
}

/** The current 30-second TOTP step. */
export function totpStep(): number {
  return Math.floor(Date.now() / 30_000);
}
