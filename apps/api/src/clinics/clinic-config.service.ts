import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { isPlatformAdmin, type AuthUser } from '../common/auth/auth-user.js';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ConflictError, NotFoundInClinicError } from '../common/errors/domain-error.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { uniqueViolation } from '../database/db-errors.js';
import { AdminOnlyFieldsError, assertClinicReach } from './clinic-access.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { ClinicConfig } from './clinic-config.entity.js';
import { planConfigUpdate, toClinicConfigDto, type RevealSecret, type SealSecret } from './clinic-config.mapper.js';
import type { ClinicConfigDto, UpdateClinicConfigDto } from './dto/clinic-config.dto.js';

/** Reading and changing a clinic's configuration; secrets are encrypted with the secret box. */
@Injectable()
export class ClinicConfigService {
  private readonly logger = new Logger(ClinicConfigService.name);
  private readonly configs: ClinicScopedRepository<ClinicConfig>;

  constructor(
    @InjectRepository(ClinicConfig) repository: Repository<ClinicConfig>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly events: ClinicConfigEvents,
  ) {
    this.configs = new ClinicScopedRepository(repository);
  }

  async get(actor: AuthUser | undefined, clinicId: string): Promise<ClinicConfigDto> {
    assertClinicReach(actor, clinicId);
    return toClinicConfigDto(await this.read(clinicId));
  }

  /**
   * Applies the sections sent (only what changes counts). A manager changing an admin-only field
   * is refused with 403 naming every such field; nothing is written then. EMR connection changes
   * reset `oscarConnectionVerified` and are announced on `ClinicConfigEvents.emrChanged$`.
   */
  async update(actor: AuthUser | undefined, clinicId: string, input: UpdateClinicConfigDto): Promise<ClinicConfigDto> {
    const user = assertClinicReach(actor, clinicId);
    const secrets = { reveal: this.reveal(clinicId), seal: this.seal(clinicId) };
    const { config, plan } = await this.dataSource
      .transaction(async (manager) => {
        const configs = this.configs.withManager(manager);
        const current = await configs.findOne(clinicId, { where: {}, lock: { mode: 'pessimistic_write' } });
        if (!current) throw new NotFoundInClinicError('Clinic');
        const plan = planConfigUpdate(current, input, secrets);
        if (!isPlatformAdmin(user) && plan.adminOnlyChanges.length) throw new AdminOnlyFieldsError(plan.adminOnlyChanges);
        if (plan.changed.length) await configs.update(clinicId, {}, plan.patch);
        const config = plan.changed.length ? await configs.findOne(clinicId, { where: {} }) : current;
        return { config: config!, plan };
      })
      .catch((error: unknown) => {
        throw this.conflictOf(error) ?? error;
      });
    if (plan.changed.length) {
      const fields = plan.changed.map((f) => `${f.section}.${f.key}`);
      this.logger.log({ clinicId, fields }, 'clinic config changed');
      this.events.publish({ clinicId, sections: [...new Set(plan.changed.map((f) => f.section))], fields }, plan.emrChanged);
    }
    return toClinicConfigDto(config);
  }

  // ---- for other modules (no access check: they act for the system, on a clinic they resolved) ----

  /** The config row of a clinic (read-only use; secrets are ciphertext). */
  async read(clinicId: string): Promise<ClinicConfig> {
    const config = await this.configs.findOne(clinicId, { where: {} });
    if (!config) throw new NotFoundInClinicError('Clinic');
    return config;
  }

  /** The outcome of a Vapi connection test: verified now, or not (the last time it passed stays). */
  async recordVapiTest(clinicId: string, verified: boolean, at: Date): Promise<void> {
    await this.configs.update(clinicId, {}, verified ? { vapiConnectionVerified: true, vapiLastVerifiedAt: at } : { vapiConnectionVerified: false });
  }

  private reveal(clinicId: string): RevealSecret {
    return (field, ciphertext) => {
      try {
        return this.box.decrypt(ciphertext, clinicSecretContext(clinicId, field));
      } catch {
        this.logger.warn({ clinicId, field }, 'a stored clinic secret cannot be decrypted (key rotated out or tampered)');
        return null;
      }
    };
  }

  private seal(clinicId: string): SealSecret {
    return (field, plaintext) => this.box.encrypt(plaintext, clinicSecretContext(clinicId, field));
  }

  private conflictOf(error: unknown): ConflictError | undefined {
    const constraint = uniqueViolation(error);
    if (constraint === 'uq_clinic_config_vapi_assistant_id') {
      return new ConflictError('This Vapi assistant is already assigned to another clinic', [
        { field: 'voice.vapiAssistantId', message: 'This assistant already answers for another clinic' },
      ]);
    }
    if (constraint === 'uq_clinic_config_fax_number') {
      return new ConflictError('This fax number already receives faxes for another clinic', [
        { field: 'fax.faxNumber', message: 'This number already receives faxes for another clinic' },
      ]);
    }
    if (constraint === 'uq_clinic_config_vapi_phone_number_id') {
      return new ConflictError('This Vapi phone number id is already assigned to another clinic', [
        { field: 'voice.vapiPhoneNumberId', message: 'This phone number id already belongs to another clinic' },
      ]);
    }
    return undefined;
  }
}
