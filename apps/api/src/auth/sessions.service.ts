import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { UnauthenticatedError } from '../common/auth/auth-errors.js';
import { User } from '../users/user.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { REFRESH_TOKEN_TTL_SECONDS, TokenService } from './token.service.js';

export interface ClientInfo {
  ip: string | undefined;
  userAgent: string | undefined;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

/** A renewed session, and whose it is (the audit trail names the user who renewed). */
export interface RenewedSession extends SessionTokens {
  user: Pick<User, 'id' | 'email' | 'clinicId'>;
}

export type RevokeReason = 'logout' | 'rotated' | 'reuse_detected' | 'password_changed' | 'user_deactivated' | 'mfa_policy';

type RotateOutcome =
  | { kind: 'rotated'; userId: string; familyId: string; newTokenId: string }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

/**
 * Sessions = a short access token + a refresh-token family. Refresh tokens are stored as
 * SHA-256 hashes, rotated on every use (the spent one records what replaced it), and a spent
 * token presented again revokes its whole family: whoever holds a copy (thief or user) is out.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** A new session (new refresh-token family) for a user who has just proven who they are. */
  async start(user: Pick<User, 'id' | 'tokenVersion'>, client: ClientInfo): Promise<SessionTokens> {
    const refreshToken = await this.insertRefreshToken(this.dataSource.manager, user.id, randomUUID(), randomUUID(), client);
    return { accessToken: await this.tokens.signAccessToken(user), refreshToken };
  }

  /**
   * Exchanges a refresh token for a new pair. `refusal(user)` re-checks the user (active, MFA
   * policy) and names why not; a refused user's family is revoked. Reuse of a spent token
   * revokes the family.
   */
  async rotate(
    presented: string,
    client: ClientInfo,
    refusal: (user: User) => Promise<RevokeReason | null>,
  ): Promise<RenewedSession> {
    const outcome = await this.dataSource.transaction((manager) => this.rotateRow(manager, presented));
    if (outcome.kind === 'invalid') throw new UnauthenticatedError('The refresh token is not valid; sign in again');
    if (outcome.kind === 'reused') {
      await this.revokeFamily(outcome.familyId, 'reuse_detected');
      this.logger.warn({ event: 'auth.refresh_reuse', userId: outcome.userId }, 'spent refresh token presented again: its family is revoked');
      throw new UnauthenticatedError('The refresh token is not valid; sign in again');
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: outcome.userId });
    const refused = user ? await refusal(user) : 'user_deactivated';
    if (!user || refused) {
      await this.revokeFamily(outcome.familyId, refused ?? 'user_deactivated');
      throw new UnauthenticatedError('The refresh token is not valid; sign in again');
    }
    const refreshToken = await this.insertRefreshToken(this.dataSource.manager, user.id, outcome.familyId, outcome.newTokenId, client);
    return { accessToken: await this.tokens.signAccessToken(user), refreshToken, user: { id: user.id, email: user.email, clinicId: user.clinicId } };
  }

  /**
   * The session (family) a refresh token was issued to — rotated and revoked ones included — or
   * null for a token never issued. For the per-session renewal limit; says nothing of validity.
   */
  async familyOfToken(presented: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(RefreshToken)
      .findOne({ select: { familyId: true }, where: { tokenHash: TokenService.hashRefreshToken(presented) } });
    return row?.familyId ?? null;
  }

  /** Logout: revokes the family of a refresh token of this user (unknown tokens are ignored). */
  async revokeFamilyOf(userId: string, presented: string): Promise<void> {
    const row = await this.dataSource
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: TokenService.hashRefreshToken(presented), userId });
    if (row) await this.revokeFamily(row.familyId, 'logout');
  }

  /**
   * Ends every session of a user at once: refresh tokens revoked, and `token_version` bumped so
   * access tokens already issued stop working at their next request.
   */
  async revokeAll(userId: string, reason: RevokeReason, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  private async revokeFamily(familyId: string, reason: RevokeReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
  }

  private async rotateRow(manager: EntityManager, presented: string): Promise<RotateOutcome> {
    const hash = TokenService.hashRefreshToken(presented);
    const newTokenId = randomUUID();
    // one statement: of two concurrent uses of the same token only one can win
    const [rows] = (await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'rotated', replaced_by = $2
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [hash, newTokenId],
    )) as [{ user_id: string; family_id: string }[], number];
    if (rows.length) return { kind: 'rotated', userId: rows[0].user_id, familyId: rows[0].family_id, newTokenId };
    const spent = await manager.getRepository(RefreshToken).findOneBy({ tokenHash: hash });
    if (spent?.revokedReason === 'rotated') return { kind: 'reused', userId: spent.userId, familyId: spent.familyId };
    return { kind: 'invalid' };
  }

  private async insertRefreshToken(
    manager: EntityManager,
    userId: string,
    familyId: string,
    id: string,
    client: ClientInfo,
  ): Promise<string> {
    const { token, hash } = this.tokens.newRefreshToken();
    await manager.getRepository(RefreshToken).insert({
      id,
      userId,
      familyId,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
      userAgent: client.userAgent?.slice(0, 256) ?? null,
      ipAddress: client.ip ?? null,
    });
    return token;
  }
}
