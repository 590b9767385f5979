import { Inject, Injectable, Logger } from '@nestjs/common';
import { toE164 } from '../../../../libs/shared/src/phone.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertPlatformAdmin } from './clinic-access.js';
import { ClinicConfigService } from './clinic-config.service.js';
import { ClinicsService } from './clinics.service.js';
import type { VapiCheckDto, VapiConnectionTestDto } from './dto/vapi-connection.dto.js';
import { OnboardingService } from './onboarding.service.js';

/** Each request to Vapi's API gets this long; the whole test stays well under a page's patience. */
const VAPI_REQUEST_TIMEOUT_MS = 5000;

type Answer = { status: number; body: Record<string, unknown>; reason?: undefined } | { status: 0; body?: undefined; reason: string };

/**
 * "Test Vapi connection": asks Vapi's API (`VAPI_API_BASE_URL`, `VAPI_API_KEY`) whether the
 * clinic's assistant — or its squad, when `vapiSquadId` is set — exists, and whether its phone
 * number (`vapiPhoneNumberId`) exists, is the clinic's receptionist number, and sends its calls to
 * that assistant or squad. A pass records `vapiConnectionVerified` / `vapiLastVerifiedAt` and sets
 * the onboarding flag `vapiAssigned`; a failure answers what is wrong in plain words.
 */
@Injectable()
export class VapiConnectionService {
  private readonly logger = new Logger('VapiConnection');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clinics: ClinicsService,
    private readonly configs: ClinicConfigService,
    private readonly onboarding: OnboardingService,
  ) {}

  async test(actor: AuthUser | undefined, clinicId: string): Promise<VapiConnectionTestDto> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    assertPlatformAdmin(actor, 'test the Vapi connection');
    const config = await this.configs.read(clinicId);
    const checks = await this.checks(clinic.vapiPhone, config.vapiAssistantId, config.vapiSquadId, config.vapiPhoneNumberId);
    const verified = checks.every((c) => c.ok);
    const now = new Date();
    await this.configs.recordVapiTest(clinicId, verified, now);
    if (verified) await this.onboarding.markVapiAssigned(clinicId);
    else this.logger.warn({ clinicId, failed: checks.filter((c) => !c.ok).map((c) => c.check) }, 'Vapi connection test failed');
    const problem = checks.find((c) => !c.ok)?.message;
    return {
      verified,
      checks,
      lastVerifiedAt: verified ? now.toISOString() : (config.vapiLastVerifiedAt?.toISOString() ?? null),
      ...(problem ? { problem } : {}),
    };
  }

  private async checks(vapiPhone: string | null, assistantId: string | null, squadId: string | null, phoneNumberId: string | null): Promise<VapiCheckDto[]> {
    if (!this.config.vapiApiKey) {
      return [{ check: 'api_key', ok: false, message: 'VoiceDesk has no Vapi API key (VAPI_API_KEY), so it cannot ask Vapi about this clinic.' }];
    }
    const [target, phone] = await Promise.all([this.checkTarget(assistantId, squadId), phoneNumberId ? this.get(`/phone-number/${encodeURIComponent(phoneNumberId)}`) : null]);
    return [target, this.checkPhone(phone, vapiPhone, assistantId, squadId, phoneNumberId)];
  }

  private async checkTarget(assistantId: string | null, squadId: string | null): Promise<VapiCheckDto> {
    if (!assistantId && !squadId) return { check: 'assistant', ok: false, message: 'Neither a Vapi assistant nor a squad is set in the Voice settings.' };
    const [check, what, id] = squadId ? (['squad', 'squad', squadId] as const) : (['assistant', 'assistant', assistantId!] as const);
    const answer = await this.get(`/${what}/${encodeURIComponent(id)}`);
    if (answer.reason === undefined && answer.status === 200) {
      const name = typeof answer.body.name === 'string' && answer.body.name ? ` “${answer.body.name}”` : '';
      return { check, ok: true, message: `The ${what}${name} exists in Vapi.` };
    }
    return { check, ok: false, message: this.refusal(answer, `Vapi has no ${what} with the id set in the Voice settings.`) };
  }

  private checkPhone(answer: Answer | null, vapiPhone: string | null, assistantId: string | null, squadId: string | null, phoneNumberId: string | null): VapiCheckDto {
    const check = 'phone_number' as const;
    if (!phoneNumberId) return { check, ok: false, message: 'No Vapi phone number id is set in the Voice settings.' };
    if (!answer || answer.reason !== undefined || answer.status !== 200) {
      return { check, ok: false, message: answer ? this.refusal(answer, 'Vapi has no phone number with the id set in the Voice settings.') : 'No Vapi phone number id is set in the Voice settings.' };
    }
    const number = typeof answer.body.number === 'string' ? toE164(answer.body.number) : null;
    if (!vapiPhone) return { check, ok: false, message: 'The clinic has no receptionist number yet: set it to the number Vapi answers.' };
    if (number !== vapiPhone) return { check, ok: false, message: `The phone number in Vapi is ${number ?? 'not a phone number'}, not the clinic's receptionist number ${vapiPhone}.` };
    const routedTo = squadId ? answer.body.squadId : answer.body.assistantId;
    if (routedTo !== (squadId ?? assistantId)) {
      return { check, ok: false, message: `The phone number ${number} in Vapi sends its calls to another ${squadId ? 'squad' : 'assistant'} than the one set in the Voice settings.` };
    }
    return { check, ok: true, message: `The phone number ${number} is in Vapi and sends its calls to this clinic's ${squadId ? 'squad' : 'assistant'}.` };
  }

  private refusal(answer: Answer, notFound: string): string {
    if (answer.reason !== undefined) return `Vapi could not be reached (${answer.reason}); try again in a moment.`;
    if (answer.status === 401 || answer.status === 403) return 'Vapi refused VoiceDesk’s API key (VAPI_API_KEY).';
    if (answer.status === 404 || answer.status === 400) return notFound;
    return `Vapi answered with an error (${answer.status}); try again in a moment.`;
  }

  private async get(path: string): Promise<Answer> {
    try {
      const response = await fetch(`${this.config.vapiApiBaseUrl}${path}`, {
        headers: { authorization: `Bearer ${this.config.vapiApiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(VAPI_REQUEST_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      return { status: response.status, body: body && typeof body === 'object' ? body : {} };
    } catch (error) {
      const name = (error as Error).name;
      return { status: 0, reason: name === 'TimeoutError' ? 'no answer within 5 seconds' : 'the connection failed' };
    }
  }
}
