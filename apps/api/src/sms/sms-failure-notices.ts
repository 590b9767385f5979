import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicAlerts } from '../notifications/clinic-alerts.js';
import { notificationLinks } from '../../../../libs/shared/src/notification-links.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { SmsSkipReason } from './sms-guards.js';

/** A burst of failing texts is one notice: at most one per clinic in this many seconds. */
export const TEXTS_FAILING_NOTICE_PERIOD_SECONDS = 3_600;

/**
 * Failures that are a patient's choice or number, or the clinic's own switch: the texts are not
 * "failing". Telnyx's 40300 is a carrier-level STOP by the patient.
 */
const NOT_A_FAILURE: ReadonlySet<string> = new Set<SmsSkipReason | '40300'>(['sms_disabled', 'no_consent', 'opted_out', 'invalid_phone', '40300']);

/** Why texts fail, in words a clinic manager can act on (never the patient's number or the text). */
export function textFailureWords(reason: string): string {
  switch (reason) {
    case 'no_sender_number':
      return 'the clinic has no valid sender number for texts';
    case 'telnyx_not_configured':
      return 'texting is not set up on the platform (no Telnyx API key): contact VoiceDesk support';
    case 'timeout':
    case 'connection':
    case 'no_message_id':
      return 'the texting provider (Telnyx) could not be reached';
    default:
      return /^\d+$/.test(reason) || reason.startsWith('http_')
        ? `the texting provider (Telnyx) refused or could not send it (code ${reason})`
        : `the text could not be sent (${reason})`;
  }
}

/**
 * "Texts are failing" notifications to the clinic's managers: when a text reaches `failed`
 * because it could not be sent (Telnyx refused it or was unreachable, the carrier reported the
 * send failed, or the clinic's texting setup is missing), at most one notice per clinic every
 * hour, whichever replica saw the failure (the `texts_failing` row of `clinic_alerts`). Texts not
 * sent by choice (SMS switched off, no consent, opted out or STOP at the carrier, not a textable number) and texts the
 * phone could not receive (`undeliverable`) notify nobody: the clinic's text history shows them.
 */
@Injectable()
export class SmsFailureNotices {
  private readonly logger = new Logger('SmsFailureNotices');

  constructor(
    private readonly alerts: ClinicAlerts,
    private readonly notifications: NotificationsService,
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
  ) {}

  /** A text of the clinic just became `failed` for `reason`. Never throws: a notice is not worth a failed job. */
  async failed(clinicId: string, reason: string): Promise<void> {
    if (NOT_A_FAILURE.has(reason)) return;
    try {
      if (!(await this.alerts.oncePer(clinicId, 'texts_failing', TEXTS_FAILING_NOTICE_PERIOD_SECONDS))) return;
      const name = (await this.clinics.findOne({ select: { name: true }, where: { id: clinicId } }))?.name ?? 'A clinic';
      await this.notifications.send(await this.notifications.clinicRecipients(clinicId, { admins: false }), {
        type: 'texts_failing',
        title: `${name}: texts are failing`,
        message:
          `A confirmation text was not sent: ${textFailureWords(reason)}. ` +
          'Further failures in the next hour are not notified again; the clinic’s texts list each one.',
        link: notificationLinks.texts(clinicId),
      });
    } catch (err) {
      this.logger.error({ clinicId, err }, 'texts-failing notice not written');
    }
  }
}
