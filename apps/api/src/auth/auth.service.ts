import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { UnauthenticatedError } from '../common/auth/auth-errors.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { invalidFields } from '../common/errors/domain-error.js';
import { UserRole } from '../database/enums.js';
import { User } from '../users/user.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { MfaService, MfaStateError } from './mfa.service.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordPolicyErrors } from './password-policy.js';
import { PlatformSettingsService } from './platform-settings.service.js';
import { SessionsService, type ClientInfo, type RenewedSession, type RevokeReason, type SessionTokens } from './sessions.service.js';
import { TokenService } from './token.service.js';

/** What sign-in answers: a session, or the MFA step still to do. */
export type SignInResult =
  | { kind: 'session'; tokens: SessionTokens; user: User }
  | { kind: 'mfa_required'; mfaToken: string }
  | { kind: 'mfa_enrolment_required'; mfaToken: string };

const BAD_CREDENTIALS = 'Email or password is incorrect';
const BAD_CODE = 'The code is not valid';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Sign-in, MFA step, refresh, logout and password change. Every failure is a 401 with a
 * message that does not say which part was wrong; attempts are counted per account and per IP.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  private readonly users: Repository<User>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionsService,
    private readonly tokens: TokenService,
    private readonly mfa: MfaService,
    private readonly settings: PlatformSettingsService,
  ) {
    this.users = dataSource.getRepository(User);
  }

  async login(email: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const subject = { email: normaliseEmail(email), ip: client.ip };
    const { accountFailures } = await this.throttle.registerAttempt(subject);
    const user = await this.users.findOneBy({ email: subject.email });
    // unknown email: verify against a dummy hash so both answers take the same time
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (!ok || !user || !user.isActive) {
      this.logger.log({ event: 'auth.login_failed', userId: user?.id ?? null }, 'sign-in refused');
      await this.throttle.slowDown(accountFailures);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update({ id: user.id }, { passwordHash: await this.hasher.hash(password) });
    }
    if (user.mfaEnabled) return { kind: 'mfa_required', mfaToken: await this.tokens.signMfaToken(user, 'mfa_verify') };
    if (await this.mustEnrolMfa(user)) {
      return { kind: 'mfa_enrolment_required', mfaToken: await this.tokens.signMfaToken(user, 'mfa_enrol') };
    }
    return this.completeSignIn(user, client);
  }

  /** Second step: a TOTP code or a backup code for the MFA token that login answered. */
  async verifyMfa(mfaToken: string, code: string, client: ClientInfo): Promise<SignInResult> {
    const claims = await this.tokens.verifyMfaToken(mfaToken, 'mfa_verify');
    const user = await this.activeUser(claims.sub, claims.tv);
    const { accountFailures } = await this.throttle.registerAttempt({ email: user.email, ip: client.ip });
    if (!(await this.mfa.verifyCode(user, code))) {
      this.logger.log({ event: 'auth.mfa_failed', userId: user.id }, 'MFA code refused');
      await this.throttle.slowDown(accountFailures);
      throw new UnauthenticatedError(BAD_CODE);
    }
    return this.completeSignIn(user, client);
  }

  async enrolMfa(actor: AuthUser): Promise<{ otpauthUri: string; secret: string }> {
    return this.mfa.enrol(await this.currentUser(actor));
  }

  /**
   * Turns MFA on and answers the backup codes. After a forced enrolment (the caller holds the
   * enrolment token, not a session) the sign-in completes too: password and code are both proven.
   */
  async activateMfa(actor: AuthUser, code: string, client: ClientInfo): Promise<{ backupCodes: string[]; signIn?: SignInResult }> {
    const user = await this.currentUser(actor);
    const backupCodes = await this.mfa.activate(user, code);
    if (actor.session !== 'mfa_enrolment') return { backupCodes };
    const enrolled = await this.users.findOneByOrFail({ id: user.id });
    return { backupCodes, signIn: await this.completeSignIn(enrolled, client) };
  }

  refresh(refreshToken: string, client: ClientInfo): Promise<RenewedSession> {
    return this.sessions.rotate(refreshToken, client, async (user): Promise<RevokeReason | null> => {
      if (!user.isActive) return 'user_deactivated';
      if (await this.mustEnrolMfa(user)) return 'mfa_policy';
      return null;
    });
  }

  logout(actor: AuthUser, refreshToken: string): Promise<void> {
    return this.sessions.revokeFamilyOf(actor.id, refreshToken);
  }

  /** Changes the password, ends every session of the user, and starts a new one for this client. */
  async changePassword(actor: AuthUser, currentPassword: string, newPassword: string, client: ClientInfo): Promise<SessionTokens> {
    const user = await this.users.findOneByOrFail({ id: actor.id });
    const { accountFailures } = await this.throttle.registerAttempt({ email: user.email, ip: client.ip });
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.throttle.slowDown(accountFailures);
      throw invalidFields([{ field: 'currentPassword', message: 'This is not your current password' }]);
    }
    // the current password was right: that attempt is not a failure, whatever the new one is like
    await this.throttle.recordSuccess({ email: user.email, ip: client.ip });
    const problems = passwordPolicyErrors(newPassword, user.email, 'newPassword');
    if (newPassword === currentPassword) problems.push({ field: 'newPassword', message: 'Choose a password different from the current one' });
    if (problems.length) throw invalidFields(problems);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false });
      await this.sessions.revokeAll(user.id, 'password_changed', manager);
    });
    const fresh = await this.users.findOneByOrFail({ id: user.id });
    return this.sessions.start(fresh, client);
  }

  /** Turning MFA off needs the password and a current code (or a backup code). */
  async disableMfa(actor: AuthUser, password: string, code: string, client: ClientInfo): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.id });
    if (!user.mfaEnabled) throw new MfaStateError('MFA is not on');
    if (user.role === UserRole.PlatformAdmin && (await this.settings.get()).requireMfaForAdmins) {
      throw new MfaStateError('MFA is required for platform admins and cannot be turned off');
    }
    const { accountFailures } = await this.throttle.registerAttempt({ email: user.email, ip: client.ip });
    const ok = (await this.hasher.verify(user.passwordHash, password)) && (await this.mfa.verifyCode(user, code));
    if (!ok) {
      await this.throttle.slowDown(accountFailures);
      throw invalidFields([
        { field: 'password', message: 'The password or the code is not right' },
        { field: 'code', message: 'The password or the code is not right' },
      ]);
    }
    await this.throttle.recordSuccess({ email: user.email, ip: client.ip });
    await this.mfa.disable(user);
  }

  /** The current user's row (for /me and the MFA routes). */
  async currentUser(actor: AuthUser): Promise<User> {
    const user = await this.users.findOneBy({ id: actor.id });
    if (!user || !user.isActive) throw new UnauthenticatedError();
    return user;
  }

  private async completeSignIn(user: User, client: ClientInfo): Promise<SignInResult> {
    await this.throttle.recordSuccess({ email: user.email, ip: client.ip });
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
    const tokens = await this.sessions.start(user, client);
    return { kind: 'session', tokens, user };
  }

  private async mustEnrolMfa(user: User): Promise<boolean> {
    return user.role === UserRole.PlatformAdmin && !user.mfaEnabled && (await this.settings.get()).requireMfaForAdmins;
  }

  private async activeUser(id: string, tokenVersion: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user || !user.isActive || user.tokenVersion !== tokenVersion) {
      throw new UnauthenticatedError('The sign-in step has expired or is not valid; sign in again');
    }
    return user;
  }
}
