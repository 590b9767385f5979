import { Logger, type LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { redactError } from '../common/logging/redact.js';
import { createSimClinic, emrServices, encryptPassword, type EmrServices } from './testing/emr-db-kit.js';
import { KIT_TODAY, kitAdapter, startKitSim, testPolicy } from './testing/emr-test-kit.js';

const WRONG_PASSWORD = 'Pa55-w0rd-NOT-right';
/** Credentials and PHI of the kit's charts that must never appear in a log line or an error text. */
const FORBIDDEN = ['mac2002', WRONG_PASSWORD, 'HARRIET', 'JONES', 'WONG', 'SIDHU', '5550142', '5550187', '1948-03-14', '9698658215', 'harriet@example.com', 'bring glasses'];

const lines: string[] = [];
const capture: LoggerService = {
  log: (...args: unknown[]) => void lines.push(render(args)),
  warn: (...args: unknown[]) => void lines.push(render(args)),
  error: (...args: unknown[]) => void lines.push(render(args)),
  debug: (...args: unknown[]) => void lines.push(render(args)),
  verbose: (...args: unknown[]) => void lines.push(render(args)),
};

function render(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a, (_k, v) => (v instanceof Error ? { ...redactError(v), raw: v.message } : v)))).join(' ');
}

let db: TestDatabase;
let sim: TestOscarSim;
let s: EmrServices;
const errors: string[] = [];

beforeAll(async () => {
  Logger.overrideLogger(capture);
  [db, sim] = await Promise.all([createTestDatabase(), startKitSim()]);
  // recentReadMs 0: every faulty call below reaches the faulty EMR instead of a search kept from before the fault
  s = emrServices(db.dataSource, { readRetries: 0, breakerMinimumThroughput: 4, breakerHalfOpenAfterMs: 200, recentReadMs: 0 });
});
afterAll(async () => {
  Logger.overrideLogger(false);
  await Promise.all([db?.drop(), sim?.close()]);
});

async function collect(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    errors.push(`${(error as Error).message} ${JSON.stringify(error)}`);
  }
}

describe('EMR logs and errors', () => {
  it('carry no credential and no PHI, whatever fails', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    await s.emr.testConnection(clinicId);
    await s.emr.syncProviders(clinicId);
    await s.emr.pullConfig(clinicId);
    const adapter = await s.factory.forClinic(clinicId);
    for (const phone of ['604-555-0142', '604-555-0142', '604-555-0187']) await s.phoneCache.findByPhone(clinicId, phone);
    await collect(adapter.findPatientsByNameAndDob({ firstName: 'Harriet', lastName: 'Jones', dateOfBirth: '1948-03-14' }));
    const [appointment] = await adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);

    // faults on every path: malformed, error pages, resets, timeouts, the breaker opening and closing
    for (const fault of [{ malformedRate: 1 }, { http500Rate: 1 }, { resetRate: 1 }, { errorRate: 1, errorMessage: 'Harriet JONES 604-555-0142 broke it' }]) {
      await sim.control.setFaults({ service: 'DemographicService', ...fault });
      await collect(adapter.findPatientsByPhone('604-555-0142'));
      await collect(s.phoneCache.findByPhone(clinicId, '604-555-0142'));
      await collect(adapter.getPatient(1));
    }
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'updateAppointment', errorRate: 1, errorMessage: 'bring glasses for JONES' });
    await collect(adapter.cancelAppointment(appointment.id));
    await sim.control.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await collect(adapter.getPatient(1));
    const { adapter: slow } = kitAdapter(sim, { policy: testPolicy({ timeoutMs: 200 }) });
    await sim.control.setFaults({ hangRate: 1, service: 'DemographicService' });
    await collect(slow.findPatientsByPhone('604-555-0187'));
    await sim.control.clearFaults();

    // refused credentials, through the service that logs its failures
    await db.dataSource.getRepository(ClinicConfig).update({ clinicId }, { oscarSoapPasswordEnc: encryptPassword(s.box, clinicId, WRONG_PASSWORD) });
    s.factory.invalidate(clinicId);
    const failed = await s.emr.testConnection(clinicId);
    await collect(s.phoneCache.findByPhone(clinicId, '604-555-0142'));
    errors.push(JSON.stringify(failed));

    expect(lines.some((l) => l.includes('EMR circuit opened'))).toBe(true);
    expect(lines.some((l) => l.includes('EMR connection test failed'))).toBe(true);
    expect(errors.length).toBeGreaterThan(10);
    const text = [...lines, ...errors].join('\n');
    for (const secret of FORBIDDEN) expect(text, `logs or errors contain ${secret}`).not.toContain(secret);
  });
});
