import { ClinicsSchema1795454990000 } from './1795454990000-ClinicsSchema.js';
import { UsersAuthAudit1795454991000 } from './1795454991000-UsersAuthAudit.js';
import { CallsSchema1795454992000 } from './1795454992000-CallsSchema.js';
import { TicketsFaxPhoneCache1795454993000 } from './1795454993000-TicketsFaxPhoneCache.js';
import { SmsSchema1795454994000 } from './1795454994000-SmsSchema.js';
import { AuditLogAppendOnly1795454995000 } from './1795454995000-AuditLogAppendOnly.js';
import { AuthSessionsMfaSettings1795455211542 } from './1795455211542-AuthSessionsMfaSettings.js';
import { AuditOutcomeError1795455426411 } from './1795455426411-AuditOutcomeError.js';
import { DropUserLockoutColumns1795456674991 } from './1795456674991-DropUserLockoutColumns.js';
import { ScheduleCacheAndClaims1796285657053 } from './1796285657053-ScheduleCacheAndClaims.js';
import { UserPasswordResetCallLogsClinicTime1796303978712 } from './1796303978712-UserPasswordResetCallLogsClinicTime.js';
import { FaxInbox1796304094499 } from './1796304094499-FaxInbox.js';
import { CallMetadataReportedAt1796304105978 } from './1796304105978-CallMetadataReportedAt.js';
import { ToolCallReceiptNotify1796304640133 } from './1796304640133-ToolCallReceiptNotify.js';
import { SmsOutboxKeys1796304694379 } from './1796304694379-SmsOutboxKeys.js';
import { CallMetadataDobFailures1796305541189 } from './1796305541189-CallMetadataDobFailures.js';
import { RateLimitHits1796305678997 } from './1796305678997-RateLimitHits.js';
import { CallMetadataInDoubt1796306000000 } from './1796306000000-CallMetadataInDoubt.js';
import { ClinicAlertsNotificationEmail1796314295202 } from './1796314295202-ClinicAlertsNotificationEmail.js';
import { ClinicHolidaySource1796314551325 } from './1796314551325-ClinicHolidaySource.js';

/**
 * Every migration, oldest first. Listed as classes (not a glob) so the same list runs from the
 * TypeScript sources under test and from the compiled build.
 */
export const MIGRATIONS: Function[] = [
  ClinicsSchema1795454990000,
  UsersAuthAudit1795454991000,
  CallsSchema1795454992000,
  TicketsFaxPhoneCache1795454993000,
  SmsSchema1795454994000,
  AuditLogAppendOnly1795454995000,
  AuthSessionsMfaSettings1795455211542,
  AuditOutcomeError1795455426411,
  DropUserLockoutColumns1795456674991,
  ScheduleCacheAndClaims1796285657053,
  UserPasswordResetCallLogsClinicTime1796303978712,
  FaxInbox1796304094499,
  CallMetadataReportedAt1796304105978,
  ToolCallReceiptNotify1796304640133,
  SmsOutboxKeys1796304694379,
  CallMetadataDobFailures1796305541189,
  RateLimitHits1796305678997,
  CallMetadataInDoubt1796306000000,
  ClinicAlertsNotificationEmail1796314295202,
  ClinicHolidaySource1796314551325,
];
