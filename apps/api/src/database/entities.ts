import { AuditLog } from '../audit/audit-log.entity.js';
import { AuthThrottle } from '../auth/auth-throttle.entity.js';
import { PlatformSetting } from '../auth/platform-setting.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { CallLog } from '../calls/call-log.entity.js';
import { CallMetadata } from '../calls/call-metadata.entity.js';
import { ToolCallReceipt } from '../calls/tool-call-receipt.entity.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { OnboardingProgress } from '../clinics/onboarding-progress.entity.js';
import { WaitlistEntry } from '../clinics/waitlist-entry.entity.js';
import { PatientPhoneCache } from '../emr/patient-phone-cache.entity.js';
import { FaxDocumentFile } from '../fax/fax-document-file.entity.js';
import { FaxDocument } from '../fax/fax-document.entity.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { RateLimitHit } from '../common/throttling/rate-limit-hit.entity.js';
import { ScheduleCacheBudget } from '../scheduling/schedule-cache-budget.entity.js';
import { ScheduleCacheDay } from '../scheduling/schedule-cache-day.entity.js';
import { SchedulingClaim } from '../scheduling/scheduling-claim.entity.js';
import { SmsMessage } from '../sms/sms-message.entity.js';
import { SmsOptOut } from '../sms/sms-opt-out.entity.js';
import { ClinicAlert } from '../notifications/clinic-alert.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { SupportTicket } from '../tickets/support-ticket.entity.js';
import { TicketMessage } from '../tickets/ticket-message.entity.js';
import { User } from '../users/user.entity.js';

/**
 * Every TypeORM entity of the API, listed once. The data source, the schema tests and the
 * migration generator all read this list, so an entity missing here is missing everywhere.
 * The first fifteen are seed 000's models; the rest are SPEC §3 additions.
 */
export const ENTITIES: Function[] = [
  Clinic,
  ClinicConfig,
  ClinicHours,
  ClinicHoliday,
  ClinicProvider,
  WaitlistEntry,
  CallLog,
  User,
  AuditLog,
  OnboardingProgress,
  SupportTicket,
  TicketMessage,
  Notification,
  FaxDocument,
  FaxDocumentFile,
  PatientPhoneCache,
  RefreshToken,
  CallMetadata,
  ToolCallReceipt,
  SmsMessage,
  SmsOptOut,
  AuthThrottle,
  PlatformSetting,
  ScheduleCacheDay,
  ScheduleCacheBudget,
  SchedulingClaim,
  RateLimitHit,
  ClinicAlert,
];
