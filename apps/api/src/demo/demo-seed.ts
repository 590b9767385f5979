import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../auth/password-hasher.js';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import type { SecretBox } from '../common/crypto/secret-box.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { OnboardingProgress } from '../clinics/onboarding-progress.entity.js';
import { ClinicStatus, UserRole } from '../database/enums.js';
import { User } from '../users/user.entity.js';

export const DEMO_CLINIC_SLUG = 'demo-clinic';
export const DEMO_VAPI_PHONE = '+16045550100';
export const DEMO_ADMIN_EMAIL = 'admin@voicedesk.demo';
export const DEMO_MANAGER_EMAIL = 'manager@voicedesk.demo';

/** The EMR the demo clinic talks to: the simulator started beside the API. */
export interface DemoEmr {
  url: string;
  timezone: string;
  /** security number of the data file's first login (the SOAP WS-Security username) */
  username: string;
  /** held in memory only; stored encrypted, bound to the demo clinic */
  password: string;
}

export interface DemoCredentials {
  admin: { email: string; password: string };
  manager: { email: string; password: string; clinicId: string };
}

export interface DemoSeedResult {
  clinicId: string;
  /** set only when the demo users were created by this run (passwords exist nowhere else) */
  createdCredentials?: DemoCredentials;
}

/** A readable random password: 4 groups of 5 base32 characters (~100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** the same parameters as every sign-in (auth/password-hasher.ts) */
function hash(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** The next weekday at least 10 days ahead, in the clinic's zone: a visible closure in the demo. */
function demoHolidayDate(timezone: string): string {
  let day = DateTime.now().setZone(timezone).startOf('day').plus({ days: 10 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

async function ensureClinic(manager: EntityManager, emr: DemoEmr): Promise<Clinic> {
  const clinics = manager.getRepository(Clinic);
  const existing = await clinics.findOne({ where: { slug: DEMO_CLINIC_SLUG } });
  if (existing) return existing;
  return clinics.save(
    clinics.create({
      name: 'Harbourview Family Practice',
      slug: DEMO_CLINIC_SLUG,
      phone: '+16045550199',
      vapiPhone: DEMO_VAPI_PHONE,
      address: '1200 West Pender Street',
      city: 'Vancouver',
      province: 'BC',
      postalCode: 'V6E 2S9',
      timezone: emr.timezone,
      status: ClinicStatus.Active,
    }),
  );
}

async function ensureConfig(manager: EntityManager, clinicId: string, emr: DemoEmr, box: SecretBox): Promise<void> {
  const configs = manager.getRepository(ClinicConfig);
  const existing = await configs.findOne({ where: { clinicId } });
  // The simulator may listen on another port than last time: always point the demo at it.
  const emrFields = {
    emrType: 'oscar-universal',
    oscarUrl: emr.url,
    oscarSoapUsername: emr.username,
    oscarSoapPasswordEnc: box.encrypt(emr.password, clinicSecretContext(clinicId, 'oscarSoapPasswordEnc')),
    oscarTlsVerify: true,
  };
  if (existing) {
    await configs.update({ clinicId }, emrFields);
    return;
  }
  await configs.insert({
    clinicId,
    ...emrFields,
    voiceAgentEnabled: true,
    customGreeting: 'Thank you for calling Harbourview Family Practice. How can I help you today?',
    customGreetingZh: '感谢您致电港景家庭诊所。请问有什么可以帮您？',
    privacyOfficerName: 'Dana Whitfield',
    privacyOfficerEmail: 'privacy@harbourview.example',
    transferPhoneNumber: '+16045550199',
  });
}

async function ensureHoursAndHoliday(manager: EntityManager, clinic: Clinic): Promise<void> {
  const hours = manager.getRepository(ClinicHours);
  if ((await hours.count({ where: { clinicId: clinic.id } })) === 0) {
    await hours.insert(
      [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => {
        const weekday = dayOfWeek >= 1 && dayOfWeek <= 5;
        return {
          clinicId: clinic.id,
          dayOfWeek,
          openTime: weekday ? '09:00' : null,
          closeTime: weekday ? '17:00' : null,
          isClosed: !weekday,
        };
      }),
    );
  }
  const holidays = manager.getRepository(ClinicHoliday);
  if ((await holidays.count({ where: { clinicId: clinic.id } })) === 0) {
    await holidays.insert({ clinicId: clinic.id, date: demoHolidayDate(clinic.timezone), name: 'Staff training day' });
  }
}

async function ensureOnboarding(manager: EntityManager, clinicId: string): Promise<void> {
  const onboarding = manager.getRepository(OnboardingProgress);
  if (await onboarding.findOne({ where: { clinicId } })) return;
  await onboarding.insert({
    clinicId,
    currentStep: 4,
    clinicInfoDone: true,
    hoursDone: true,
    providersDone: true,
    emrConnected: true,
    vapiAssigned: true,
    testCallPassed: true,
    privacyOfficerSet: true,
    baaSigned: true,
    completedAt: new Date(),
  });
}

async function ensureUsers(manager: EntityManager, clinicId: string): Promise<DemoCredentials | undefined> {
  const users = manager.getRepository(User);
  const [admin, clinicManager] = await Promise.all([
    users.findOne({ where: { email: DEMO_ADMIN_EMAIL } }),
    users.findOne({ where: { email: DEMO_MANAGER_EMAIL } }),
  ]);
  if (admin && clinicManager) return undefined;
  const adminPassword = generatePassword();
  const managerPassword = generatePassword();
  if (!admin) {
    await users.insert({
      email: DEMO_ADMIN_EMAIL,
      passwordHash: await hash(adminPassword),
      firstName: 'Avery',
      lastName: 'Admin',
      role: UserRole.PlatformAdmin,
      clinicId: null,
    });
  }
  if (!clinicManager) {
    await users.insert({
      email: DEMO_MANAGER_EMAIL,
      passwordHash: await hash(managerPassword),
      firstName: 'Morgan',
      lastName: 'Manager',
      role: UserRole.ClinicManager,
      clinicId,
    });
  }
  return {
    admin: { email: DEMO_ADMIN_EMAIL, password: admin ? '(unchanged)' : adminPassword },
    manager: { email: DEMO_MANAGER_EMAIL, password: clinicManager ? '(unchanged)' : managerPassword, clinicId },
  };
}

/**
 * Creates the demo clinic, its config (pointed at the simulator), hours Mon–Fri 09:00–17:00, a
 * holiday, onboarding done, and the two demo users. Idempotent: a second run changes only the
 * simulator address and creates nothing twice.
 */
export async function seedDemo(dataSource: DataSource, emr: DemoEmr, box: SecretBox): Promise<DemoSeedResult> {
  return dataSource.transaction(async (manager) => {
    // one seeding at a time, even with several processes starting together
    await manager.query('SELECT pg_advisory_xact_lock(727002)');
    const clinic = await ensureClinic(manager, emr);
    await ensureConfig(manager, clinic.id, emr, box);
    await ensureHoursAndHoliday(manager, clinic);
    await ensureOnboarding(manager, clinic.id);
    const createdCredentials = await ensureUsers(manager, clinic.id);
    return { clinicId: clinic.id, createdCredentials };
  });
}
