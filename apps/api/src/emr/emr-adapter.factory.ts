import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Subject } from 'rxjs';
import type { Repository } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { assertClinicId, ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { EmrAdapter } from './emr-adapter.js';
import { EmrInvalidError, EmrNotConfiguredError, EmrNotSupportedError } from './emr-errors.js';
import { DEFAULT_EMR_POLICY, EmrResilience, type EmrPolicyOptions } from './emr-resilience.js';
import { OscarSoapAdapter } from './oscar-soap-adapter.js';
import { OscarSoapClient, WsdlCache } from './oscar-soap-client.js';
import { withSharedReads, type SharedReadsAdapter } from './shared-reads-adapter.js';
import type { ReadScope } from './shared-reads.js';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import { AppMetrics } from '../metrics/app-metrics.js';

/**
 * Optional Nest token: overrides of the EMR policy numbers (`EmrPolicyOptions`: tests shorten the
 * breaker's cool-down; `recentReadMs` sets how long shared results serve identical calls).
 */
export const EMR_POLICY_OPTIONS = Symbol('EMR_POLICY_OPTIONS');

export const SUPPORTED_EMR_TYPES: readonly string[] = ['oscar-universal', 'oscar-pro'];

/**
 * What this replica saw of a clinic's EMR connection: lost when the clinic's circuit breaker
 * opened (the EMR kept failing), back when it closed again after a good probe or a connection
 * test passed.
 */
export interface EmrConnectionChange {
  clinicId: string;
  connected: boolean;
}

/** A cached adapter is re-checked against the clinic's config this often (other replicas may change it). */
const RECHECK_MS = 60_000;

interface Entry {
  fingerprint: string;
  checkedAt: number;
  adapter: SharedReadsAdapter;
  resilience: EmrResilience;
}

/**
 * The EMR adapter of a clinic, built from `clinic_config` and the clinic's zone, with the password
 * decrypted only here and kept only inside the adapter's SOAP client. Every consumer gets the
 * OSCAR adapter behind `SharedReadsAdapter`, so identical reads of one clinic are made once.
 * Adapters (with their breaker, bulkhead and shared reads) are cached per clinic;
 * `invalidate(clinicId)` drops one when its EMR config changes, and a changed config is noticed
 * within a minute on other replicas too.
 */
@Injectable()
export class EmrAdapterFactory {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  private readonly wsdlCache = new WsdlCache();
  private readonly configs: ClinicScopedRepository<ClinicConfig>;
  private readonly policy: EmrPolicyOptions;
  private readonly logger = new Logger('EmrAdapterFactory');
  /** the EMR connections this replica saw lost and back (EmrConnectionNotices) */
  readonly connection$ = new Subject<EmrConnectionChange>();

  constructor(
    @InjectRepository(ClinicConfig) configRepository: Repository<ClinicConfig>,
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
    private readonly secretBox: SecretBox,
    @Optional() @Inject(EMR_POLICY_OPTIONS) policy?: Partial<EmrPolicyOptions>,
    @Optional() private readonly metrics?: AppMetrics,
  ) {
    this.configs = new ClinicScopedRepository(configRepository);
    this.policy = { ...DEFAULT_EMR_POLICY, ...(policy ?? {}) };
  }

  /** The clinic's adapter; NOT_SUPPORTED for an EMR type or mode that is not built, INVALID when not set up. */
  async forClinic(clinicId: string): Promise<EmrAdapter> {
    return (await this.entry(clinicId)).adapter;
  }

  /** The clinic's policies (breaker state for health pages and tests). */
  async resilienceFor(clinicId: string): Promise<EmrResilience> {
    return (await this.entry(clinicId)).resilience;
  }

  /** The policies of every clinic whose adapter this replica has built (metrics, read at scrape time). */
  builtPolicies(): Array<{ clinicId: string; resilience: EmrResilience }> {
    return [...this.entries].map(([clinicId, entry]) => ({ clinicId, resilience: entry.resilience }));
  }

  /**
   * Drops the clinic's shared appointment reads a change may have made stale (this process only).
   * Writes through the adapter do it themselves; this is for a change learnt of another way.
   */
  invalidateReads(clinicId: string, scope: ReadScope): void {
    this.entries.get(clinicId)?.adapter.invalidate(scope);
  }

  /** A connection test reached the EMR (it may follow a settings change that left a lost connection's breaker behind). */
  connectionVerified(clinicId: string): void {
    this.connection$.next({ clinicId, connected: true });
  }

  /** Forget the clinic's adapter and policies: call after its EMR connection settings change. */
  invalidate(clinicId: string): void {
    this.entries.delete(clinicId);
    this.building.delete(clinicId);
  }

  private async entry(clinicId: string): Promise<Entry> {
    assertClinicId(clinicId);
    const cached = this.entries.get(clinicId);
    if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached;
    let pending = this.building.get(clinicId);
    if (!pending) {
      pending = this.build(clinicId, cached).finally(() => this.building.delete(clinicId));
      this.building.set(clinicId, pending);
    }
    return pending;
  }

  private async build(clinicId: string, cached: Entry | undefined): Promise<Entry> {
    const [config, clinic] = await Promise.all([
      this.configs.findOneBy(clinicId, {}),
      this.clinics.findOneBy({ id: clinicId }),
    ]);
    if (!clinic) throw new NotFoundInClinicError('Clinic');
    if (!config) throw new EmrNotConfiguredError('the clinic configuration');
    const fingerprint = fingerprintOf(config, clinic.timezone);
    if (cached && cached.fingerprint === fingerprint) {
      cached.checkedAt = Date.now();
      return cached;
    }
    const entry = { ...this.create(clinicId, config, clinic.timezone), fingerprint, checkedAt: Date.now() };
    this.entries.set(clinicId, entry);
    this.logger.log({ clinicId, emrType: config.emrType }, 'EMR adapter ready');
    return entry;
  }

  private create(clinicId: string, config: ClinicConfig, timezone: string): Pick<Entry, 'adapter' | 'resilience'> {
    if (!SUPPORTED_EMR_TYPES.includes(config.emrType)) {
      throw new EmrNotSupportedError(
        `The EMR type "${config.emrType}" is not supported: VoiceDesk connects to OSCAR (${SUPPORTED_EMR_TYPES.join(', ')}) through its SOAP web services.`,
      );
    }
    if (config.oscarPreferRest) {
      throw new EmrNotSupportedError(
        `OSCAR's REST/OAuth mode is not supported yet for "${config.emrType}": turn off "prefer REST" to use the SOAP web services.`,
      );
    }
    if (!config.oscarUrl?.trim()) throw new EmrNotConfiguredError('the OSCAR URL');
    if (!config.oscarSoapUsername?.trim()) throw new EmrNotConfiguredError('the OSCAR security number (web-service user)');
    if (!config.oscarSoapPasswordEnc) throw new EmrNotConfiguredError('the OSCAR web-service password');
    const url = parseUrl(config.oscarUrl);
    const resilience = new EmrResilience(clinicId, this.policy);
    resilience.breaker.onBreak(() => this.connection$.next({ clinicId, connected: false }));
    resilience.breaker.onReset(() => this.connection$.next({ clinicId, connected: true }));
    const client = new OscarSoapClient({
      baseUrl: url,
      credentials: { username: config.oscarSoapUsername.trim(), password: this.decrypt(clinicId, config.oscarSoapPasswordEnc) },
      tlsVerify: config.oscarTlsVerify,
      wsdlCache: this.wsdlCache,
    });
    const oscar = new OscarSoapAdapter({ emrType: config.emrType, clinicZone: timezone, client, resilience, observe: this.metrics?.emrObserver(clinicId) });
    return { adapter: withSharedReads(oscar, resilience), resilience };
  }

  private decrypt(clinicId: string, ciphertext: string): string {
    try {
      return this.secretBox.decrypt(ciphertext, clinicSecretContext(clinicId, 'oscarSoapPasswordEnc'));
    } catch {
      throw new EmrInvalidError('The stored OSCAR password cannot be decrypted (the encryption key may have changed): enter it again.');
    }
  }
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new EmrInvalidError('The OSCAR URL is not a valid address (e.g. https://emr.example.ca:8443/oscar).');
  }
  if (!/^https?:$/.test(url.protocol)) throw new EmrInvalidError('The OSCAR URL must start with http:// or https://.');
  if (url.username || url.password) throw new EmrInvalidError('The OSCAR URL must not contain a user name or password.');
  return url.toString();
}

/** What an adapter depends on; a change of any of these means a new adapter (and a fresh breaker). */
function fingerprintOf(config: ClinicConfig, timezone: string): string {
  const parts = [
    config.emrType, config.oscarUrl, config.oscarSoapUsername, config.oscarSoapPasswordEnc,
    String(config.oscarTlsVerify), String(config.oscarPreferRest), timezone,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
