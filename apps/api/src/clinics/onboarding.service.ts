import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundInClinicError } from '../common/errors/domain-error.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ClinicStatus } from '../database/enums.js';
import { assertPlatformAdmin } from './clinic-access.js';
import { ClinicConfigService } from './clinic-config.service.js';
import { Clinic } from './clinic.entity.js';
import { ClinicsService } from './clinics.service.js';
import type { OnboardingDto, OnboardingFlag, OnboardingMissingDto, UpdateOnboardingDto } from './dto/onboarding.dto.js';
import { OnboardingProgress } from './onboarding-progress.entity.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { notificationLinks } from '../../../../libs/shared/src/notification-links.js';
import { NotificationsService } from '../notifications/notifications.service.js';

const STEPS: { name: string; flags: OnboardingFlag[] }[] = [
  { name: 'Clinic details', flags: ['clinicInfoDone', 'privacyOfficerSet', 'baaSigned'] },
  { name: 'EMR connection', flags: ['emrConnected', 'providersDone'] },
  { name: 'Business hours', flags: ['hoursDone'] },
  { name: 'Validation', flags: ['vapiAssigned', 'testCallPassed'] },
];

/** The six flags completing needs (the two others depend on Vapi and gate activation). */
const TO_COMPLETE: OnboardingFlag[] = ['clinicInfoDone', 'privacyOfficerSet', 'baaSigned', 'emrConnected', 'providersDone', 'hoursDone'];

const MISSING: Record<OnboardingFlag, string> = {
  clinicInfoDone: "The clinic's name, phone, address, city, postal code and time zone are not all filled in",
  privacyOfficerSet: "The privacy officer's name and email are not set",
  baaSigned: 'The Vapi and hosting agreements are not both signed',
  emrConnected: 'The EMR connection has not passed a test with the current settings',
  providersDone: 'No providers have been synced from the EMR',
  hoursDone: 'Business hours have not been saved',
  vapiAssigned: 'No Vapi number has been assigned',
  testCallPassed: 'No test call has passed',
};

/** Completing or activating refused, with what is missing in plain words (409). */
export class OnboardingIncompleteError extends ConflictError {
  constructor(what: string, missing: OnboardingMissingDto[]) {
    super(`${what}: ${missing.map((m) => m.message.charAt(0).toLowerCase() + m.message.slice(1)).join('; ')}`, missing.map((m) => ({ field: m.flag, message: m.message })));
  }
}

/**
 * The onboarding wizard (SPEC §9): 4 steps, 8 flags. Six flags are read from the facts each time
 * (clinic fields, privacy officer, agreements, EMR verified, providers synced) and `hoursDone` is
 * set when hours are saved, so none drifts from the settings; `vapiAssigned` and `testCallPassed`
 * are the platform admin's. Completing needs the six; activation (pending → active, admin) needs
 * completion and the two Vapi flags.
 */
@Injectable()
export class OnboardingService {
  private readonly progress: ClinicScopedRepository<OnboardingProgress>;

  constructor(
    @InjectRepository(OnboardingProgress) repository: Repository<OnboardingProgress>,
    @InjectRepository(Clinic) private readonly clinicRows: Repository<Clinic>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clinics: ClinicsService,
    private readonly configs: ClinicConfigService,
    private readonly events: ClinicConfigEvents,
    private readonly notifications: NotificationsService,
  ) {
    this.progress = new ClinicScopedRepository(repository);
  }

  async get(actor: AuthUser | undefined, clinicId: string): Promise<OnboardingDto> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    return this.state(clinic);
  }

  /** Admin only: the two Vapi flags. */
  async update(actor: AuthUser | undefined, clinicId: string, input: UpdateOnboardingDto): Promise<OnboardingDto> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    assertPlatformAdmin(actor, 'mark the Vapi number as assigned or a test call as passed');
    const changes: Partial<OnboardingProgress> = {};
    if (input.vapiAssigned !== undefined) changes.vapiAssigned = input.vapiAssigned;
    if (input.testCallPassed !== undefined) changes.testCallPassed = input.testCallPassed;
    if (Object.keys(changes).length) await this.progress.upsert(clinicId, { ...changes }, ['clinicId']);
    return this.state(clinic);
  }

  /** A passed Vapi connection test: the number and the assistant (or squad) are assigned. */
  async markVapiAssigned(clinicId: string): Promise<void> {
    await this.progress.upsert(clinicId, { vapiAssigned: true }, ['clinicId']);
  }

  /** Needs the six flags; stamps completedAt (once) and keeps the flags as they were then. */
  async complete(actor: AuthUser | undefined, clinicId: string): Promise<OnboardingDto> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    const state = await this.state(clinic);
    if (state.completedAt) return state;
    if (state.missingToComplete.length) throw new OnboardingIncompleteError('Onboarding cannot be completed yet', state.missingToComplete);
    await this.progress.upsert(clinicId, { ...state.flags, currentStep: 4, completedAt: new Date() }, ['clinicId']);
    // the go-live gate: the platform admins assign the Vapi number, run a test call and activate
    await this.notifications.send(await this.notifications.activeAdminIds(), {
      type: 'onboarding_completed',
      title: `${clinic.name} finished onboarding`,
      message: 'Assign its Vapi number, pass a test call, then activate the clinic.',
      link: notificationLinks.clinicSettings(clinicId),
    });
    return this.state(clinic);
  }

  /** Admin only: pending → active once onboarding is complete and the Vapi flags are set; the clinic's managers are told. */
  async activate(actor: AuthUser | undefined, clinicId: string): Promise<Clinic> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    assertPlatformAdmin(actor, 'activate a clinic');
    if (clinic.status !== ClinicStatus.Pending) {
      throw new ConflictError(`The clinic is ${clinic.status}; only a pending clinic can be activated`, [{ field: 'status', message: `the clinic is ${clinic.status}` }]);
    }
    const state = await this.state(clinic);
    if (state.missingToActivate.length) throw new OnboardingIncompleteError('The clinic cannot be activated yet', state.missingToActivate);
    const updated = await this.clinicRows.update({ id: clinicId, status: ClinicStatus.Pending }, { status: ClinicStatus.Active });
    if (!updated.affected) throw new ConflictError('The clinic was changed by someone else; reload it and try again');
    this.events.clinicChanged(clinicId, ['status']);
    await this.notifications.send(await this.notifications.clinicRecipients(clinicId, { admins: false }), {
      type: 'clinic_live',
      title: `${clinic.name} is live`,
      message: 'The voice agent now answers the clinic’s calls. Its first calls appear in the call log.',
      link: notificationLinks.clinic(clinicId),
    });
    return this.clinics.assertReachable(actor, clinicId);
  }

  private async state(clinic: Clinic): Promise<OnboardingDto> {
    const row = await this.progress.findOneBy(clinic.id, {});
    const flags = await this.flags(clinic, row);
    const missing = (list: OnboardingFlag[]) => list.filter((f) => !flags[f]).map((flag) => ({ flag, message: MISSING[flag] }));
    const steps = STEPS.map((s, i) => ({ step: i + 1, name: s.name, flags: [...s.flags], done: s.flags.every((f) => flags[f]) }));
    const completedAt = row?.completedAt ?? null;
    const missingToActivate = [
      ...(completedAt ? [] : [{ flag: 'completedAt', message: 'Onboarding has not been completed' }]),
      ...missing(['vapiAssigned', 'testCallPassed']),
    ];
    return {
      clinicId: clinic.id,
      clinicStatus: clinic.status,
      currentStep: (steps.find((s) => !s.done) ?? steps[3]).step,
      flags,
      steps,
      missingToComplete: missing(TO_COMPLETE),
      completedAt: completedAt?.toISOString() ?? null,
      missingToActivate,
    };
  }

  private async flags(clinic: Clinic, row: OnboardingProgress | null): Promise<Record<OnboardingFlag, boolean>> {
    const [config, providers] = await Promise.all([
      this.configs.read(clinic.id).catch((error: unknown) => {
        if (error instanceof NotFoundInClinicError) return null; // a clinic made before configs existed
        throw error;
      }),
      // read-only look at the providers module's table (it depends on clinics, not the reverse)
      this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM clinic_providers WHERE clinic_id = $1 AND last_synced_at IS NOT NULL AND status = 'active') AS synced`, [clinic.id]) as Promise<{ synced: boolean }[]>,
    ]);
    const filled = (...values: unknown[]) => values.every((v) => typeof v === 'string' && v.trim() !== '');
    return {
      clinicInfoDone: filled(clinic.name, clinic.address, clinic.city, clinic.postalCode, clinic.timezone) && (filled(clinic.phone) || (clinic.phones ?? []).length > 0),
      privacyOfficerSet: !!config && filled(config.privacyOfficerName, config.privacyOfficerEmail),
      baaSigned: !!config && config.baaVapiSigned && config.baaHostingSigned,
      emrConnected: !!config?.oscarConnectionVerified,
      providersDone: providers[0]?.synced === true,
      hoursDone: !!row?.hoursDone,
      vapiAssigned: !!row?.vapiAssigned,
      testCallPassed: !!row?.testCallPassed,
    };
  }
}
