import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto.js';

/**
 * Access levels of console routes. Every route is closed by default (the global `AccessGuard`
 * wants a valid access token); these decorators say who may pass and document it in OpenAPI
 * (bearer security + the 401/403/404 answers) in one line.
 *
 * How a feature module uses them:
 * ```ts
 * @Controller('clinics/:clinicId/holidays')
 * export class HolidaysController {
 *   @Get()
 *   @ClinicAccess()                       // admin: any clinic; manager: only theirs, else 404
 *   list(@Param('clinicId', ParseUUIDPipe) clinicId: string) { … }
 *
 *   @Post()
 *   @ClinicAccess()                       // a clinicId in the body is dropped: the route's wins
 *   create(@Param('clinicId') clinicId: string, @Body() dto: CreateHolidayDto) { … }
 * }
 *
 * @Get('audit-logs') @AdminOnly()        // platform admins only; managers get 403
 * @Get('notifications') @SignedIn()      // any signed-in user; scope by @CurrentUser() in the service
 * @Post('vapi/webhook') @Public()        // no console token: the route checks its own secret
 * ```
 * Take the caller from `@CurrentUser()` (never from the body); a manager's clinic is
 * `user.clinicId`. Services still scope every query by clinicId (ClinicScopedRepository): the
 * guard is the first line, not the only one.
 */

export const ACCESS_RULE = 'voicedesk:access';

export type AccessLevel = 'signedIn' | 'admin' | 'clinic';

export interface AccessRule {
  level: AccessLevel;
  /**
   * Also accept the short-lived MFA enrolment token that login answers to an admin who must set
   * up MFA first (only the MFA enrol/activate routes).
   */
  allowMfaEnrolment?: boolean;
}

const unauthorized = ApiUnauthorizedResponse({
  type: ErrorResponseDto,
  description: 'No valid access token (missing, expired, revoked, or the user is deactivated)',
});

/** Any signed-in user (platform admin or clinic manager). */
export function SignedIn(options: { allowMfaEnrolment?: boolean } = {}) {
  const rule: AccessRule = { level: 'signedIn', ...(options.allowMfaEnrolment ? { allowMfaEnrolment: true } : {}) };
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiBearerAuth('bearer'), unauthorized);
}

/** Platform admins only; a clinic manager is answered 403. */
export function AdminOnly() {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { level: 'admin' } satisfies AccessRule),
    ApiBearerAuth('bearer'),
    unauthorized,
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Signed in, but not a platform admin' }),
  );
}

/**
 * Routes under `/clinics/:clinicId/…`: a platform admin reaches any clinic, a clinic manager only
 * their own — any other clinicId is answered 404 "Clinic not found", exactly like a clinic that
 * does not exist (never 403: the answer must not confirm that it exists). A `clinicId` in the
 * request body is dropped before validation: the route's clinicId is the one that counts.
 */
export function ClinicAccess() {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { level: 'clinic' } satisfies AccessRule),
    ApiBearerAuth('bearer'),
    unauthorized,
    ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such clinic, or not yours' }),
  );
}
