import { ClinicConfigEvents } from '../../clinics/clinic-config-events.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TestOscarSim } from '../../../../../libs/testing/src/oscar-sim.js';
import { Clinic } from '../../clinics/clinic.entity.js';
import { ClinicConfig } from '../../clinics/clinic-config.entity.js';
import { clinicSecretContext } from '../../common/crypto/clinic-secret-context.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { ClinicProvider } from '../../providers/clinic-provider.entity.js';
import { EmrAdapterFactory } from '../emr-adapter.factory.js';
import type { EmrPolicyOptions } from '../emr-resilience.js';
import { EmrService } from '../emr.service.js';
import { PatientPhoneCache } from '../patient-phone-cache.entity.js';
import { PatientPhoneCacheService } from '../patient-phone-cache.service.js';
import { KIT_ZONE, testPolicy } from './emr-test-kit.js';

export interface EmrServices {
  box: SecretBox;
  factory: EmrAdapterFactory;
  emr: EmrService;
  phoneCache: PatientPhoneCacheService;
}

/** The EMR services on a test database, wired by hand as EmrModule wires them. */
export function emrServices(dataSource: DataSource, policy: Partial<EmrPolicyOptions> = {}): EmrServices {
  const box = new SecretBox([{ kid: 'k1', key: randomBytes(32) }]);
  const factory = new EmrAdapterFactory(dataSource.getRepository(ClinicConfig), dataSource.getRepository(Clinic), box, testPolicy(policy));
  return {
    box,
    factory,
    emr: new EmrService(factory, dataSource.getRepository(ClinicConfig), dataSource.getRepository(ClinicProvider), new ClinicConfigEvents()),
    phoneCache: new PatientPhoneCacheService(factory, dataSource.getRepository(PatientPhoneCache)),
  };
}

/** A clinic of its own (random id and slug) connected to `sim` with its first login. */
export async function createSimClinic(
  dataSource: DataSource,
  box: SecretBox,
  sim: TestOscarSim,
  config: Partial<ClinicConfig> = {},
  timezone = KIT_ZONE,
): Promise<string> {
  const id = randomUUID();
  await dataSource.getRepository(Clinic).insert({ id, name: 'EMR test clinic', slug: `emr-${id}`, timezone });
  await dataSource.getRepository(ClinicConfig).insert({
    clinicId: id,
    emrType: 'oscar-universal',
    oscarUrl: sim.url,
    oscarSoapUsername: String(sim.securityNo),
    oscarSoapPasswordEnc: encryptPassword(box, id, sim.password),
    oscarTlsVerify: true,
    ...config,
  });
  return id;
}

/** The OSCAR password as the config API stores it (bound to the clinic). */
export function encryptPassword(box: SecretBox, clinicId: string, password: string): string {
  return box.encrypt(password, clinicSecretContext(clinicId, 'oscarSoapPasswordEnc'));
}
