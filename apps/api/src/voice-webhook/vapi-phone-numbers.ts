import { Inject, Injectable, Logger } from '@nestjs/common';
import { toE164 } from '../../../../libs/shared/src/phone.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** A number Vapi answered is kept an hour (seed 003 "Clinic Resolution"). */
export const PHONE_NUMBER_TTL_MS = 60 * 60 * 1000;
/** Vapi unreachable or unknown id: not asked again for a while, so calls do not each wait. */
const FAILURE_TTL_MS = 30 * 1000;
/** The lookup is on the caller's clock: give up fast and let the resolution chain go on. */
export const VAPI_LOOKUP_TIMEOUT_MS = 800;

interface Entry {
  number: string | null;
  expires: number;
}

/**
 * `phoneNumberId` → E.164 through Vapi's API (`GET {VAPI_API_BASE_URL}/phone-number/{id}` with
 * `VAPI_API_KEY`), for BYO numbers whose payloads carry no `phoneNumber.number`. Cached per
 * process; without an API key the step is skipped.
 */
@Injectable()
export class VapiPhoneNumbers {
  private readonly cache = new Map<string, Entry>();
  private readonly logger = new Logger('VapiPhoneNumbers');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async numberOf(phoneNumberId: string, deadline: number): Promise<string | null> {
    if (!this.config.vapiApiKey || !/^[A-Za-z0-9_-]{1,100}$/.test(phoneNumberId)) return null;
    const cached = this.cache.get(phoneNumberId);
    if (cached && cached.expires > Date.now()) return cached.number;
    const timeout = Math.max(50, Math.min(VAPI_LOOKUP_TIMEOUT_MS, deadline - Date.now() - 500));
    const started = Date.now();
    let number: string | null = null;
    let ok = false;
    try {
      const response = await fetch(`${this.config.vapiApiBaseUrl}/phone-number/${encodeURIComponent(phoneNumberId)}`, {
        headers: { authorization: `Bearer ${this.config.vapiApiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeout),
      });
      if (response.ok) {
        const body = (await response.json()) as { number?: unknown };
        number = typeof body.number === 'string' ? toE164(body.number) : null;
        ok = number !== null;
      } else {
        this.logger.warn({ status: response.status, ms: Date.now() - started }, 'Vapi phone-number lookup refused');
      }
    } catch (error) {
      this.logger.warn({ reason: (error as Error).name, ms: Date.now() - started }, 'Vapi phone-number lookup failed; clinic resolution goes on');
    }
    this.cache.set(phoneNumberId, { number, expires: Date.now() + (ok ? PHONE_NUMBER_TTL_MS : FAILURE_TTL_MS) });
    return number;
  }
}
