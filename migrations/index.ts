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
import { FaxInbox1796304094499 } from './1796304094499-FaxInbox.js';

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
  FaxInbox1796304094499,
];
