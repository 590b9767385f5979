import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundInClinicError, invalidFields, type FieldError } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { foreignKeyViolation, uniqueViolation } from '../database/db-errors.js';
import { UserRole } from '../database/enums.js';
import { normaliseEmail } from '../auth/auth.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { passwordPolicyErrors } from '../auth/password-policy.js';
import { SessionsService } from '../auth/sessions.service.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  clinicId?: string | null;
  password?: string;
}

export interface UserChanges {
  firstName?: string;
  lastName?: string;
  role?: UserRole;
  clinicId?: string | null;
  isActive?: boolean;
}

/** Users are listed in creation order. */
const BY_CREATION: ListOrder = { keys: [['u.created_at', 'timestamp']], id: 'u.id' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx-xxxxx-xxxxx` from a look-alike-free alphabet (~99 bits). */
function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * Console users: platform admins manage everyone; a clinic manager sees only the users of their
 * own clinic (others are "not found"). Deactivation ends the user's sessions at once; the last
 * active platform admin can be neither deactivated nor demoted, and nobody can lock themselves out.
 */
@Injectable()
export class UsersService {
  private readonly users: Repository<User>;
  private readonly scoped: ClinicScopedRepository<User>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {
    this.users = dataSource.getRepository(User);
    this.scoped = new ClinicScopedRepository(this.users);
  }

  /** A page of users ordered by creation (admins: all; managers: their clinic's). */
  async list(actor: AuthUser, cursor: string | undefined, limit = DEFAULT_PAGE_SIZE): Promise<Page<User>> {
    const qb: SelectQueryBuilder<User> =
      actor.role === UserRole.PlatformAdmin ? this.users.createQueryBuilder('u') : this.scoped.createQueryBuilder(this.managerClinic(actor), 'u');
    pageQuery(qb, BY_CREATION, cursor, limit).addSelect(timestampKeySql('u.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = entities.map((user, index) => ({ user, createdAt: raw[index].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.user.id }), (row) => row.user);
  }

  /** One user; another clinic's user is "not found" for a manager. */
  async get(actor: AuthUser, userId: string): Promise<User> {
    if (!UUID.test(userId)) throw new NotFoundInClinicError('User');
    const user =
      actor.role === UserRole.PlatformAdmin
        ? await this.users.findOneBy({ id: userId })
        : await this.scoped.findOneBy(this.managerClinic(actor), { id: userId });
    if (!user) throw new NotFoundInClinicError('User');
    return user;
  }

  /** Creates a user; answers the generated password when none was given (shown once; the user must then choose their own). */
  async create(input: NewUser): Promise<{ user: User; generatedPassword?: string }> {
    const email = normaliseEmail(input.email);
    const generatedPassword = input.password === undefined ? generatePassword() : undefined;
    const password = input.password ?? generatedPassword!;
    // the clinic and the password answer together
    const problems = [...clinicRoleErrors(input.role, input.clinicId), ...passwordPolicyErrors(password, email, 'password')];
    if (problems.length) throw invalidFields(problems);
    const clinicId = this.clinicForRole(input.role, input.clinicId);
    try {
      const user = await this.users.save(
        this.users.create({
          email,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          role: input.role,
          clinicId,
          passwordHash: await this.hasher.hash(password),
          passwordChangedAt: new Date(),
          isActive: true,
          // a generated password was seen by the admin: the user chooses their own at the first sign-in
          mustChangePassword: generatedPassword !== undefined,
        }),
      );
      return { user, generatedPassword };
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Applies the changes under a lock on the admins, so two admins cannot remove each other at once. */
  async update(actor: AuthUser, userId: string, changes: UserChanges): Promise<User> {
    if (!UUID.test(userId)) throw new NotFoundInClinicError('User');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(User);
        // lock every active admin row (and the target): the last-admin rule is checked on a stable set
        await manager.query(`SELECT id FROM users WHERE role = 'platform_admin' AND is_active ORDER BY id FOR UPDATE`);
        const user = await repo.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw new NotFoundInClinicError('User');
        const next = this.nextState(user, changes);
        await this.checkAdminRules(manager, actor, user, next);
        const deactivating = user.isActive && !next.isActive;
        Object.assign(user, next);
        await repo.save(user);
        if (deactivating) await this.sessions.revokeAll(user.id, 'user_deactivated', manager);
        return repo.findOneByOrFail({ id: user.id });
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * An admin's reset: a new generated password (answered once), every session of the user ended,
   * and the user must choose their own password at the next sign-in. Not for one's own account
   * (that is a password change, which needs the current password).
   */
  async resetPassword(actor: AuthUser, userId: string): Promise<{ user: User; password: string }> {
    if (!UUID.test(userId)) throw new NotFoundInClinicError('User');
    if (userId === actor.id) throw new ConflictError('You cannot reset your own password here; change it from your account instead');
    const password = generatePassword();
    const passwordHash = await this.hasher.hash(password);
    const user = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const found = await repo.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundInClinicError('User');
      await repo.update({ id: userId }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true });
      await this.sessions.revokeAll(userId, 'password_changed', manager);
      return repo.findOneByOrFail({ id: userId });
    });
    return { user, password };
  }

  private nextState(user: User, changes: UserChanges): Pick<User, 'firstName' | 'lastName' | 'role' | 'clinicId' | 'isActive'> {
    const role = changes.role ?? user.role;
    const requestedClinic = changes.clinicId !== undefined ? changes.clinicId : role === user.role ? user.clinicId : undefined;
    return {
      firstName: changes.firstName?.trim() ?? user.firstName,
      lastName: changes.lastName?.trim() ?? user.lastName,
      role,
      clinicId: this.clinicForRole(role, requestedClinic),
      isActive: changes.isActive ?? user.isActive,
    };
  }

  private async checkAdminRules(
    manager: EntityManager,
    actor: AuthUser,
    user: User,
    next: Pick<User, 'role' | 'isActive'>,
  ): Promise<void> {
    if (user.id === actor.id && !next.isActive) throw new ConflictError('You cannot deactivate yourself');
    if (user.id === actor.id && next.role !== user.role) throw new ConflictError('You cannot change your own role');
    const losesAdmin = user.role === UserRole.PlatformAdmin && user.isActive && (!next.isActive || next.role !== UserRole.PlatformAdmin);
    if (!losesAdmin) return;
    const others = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.role = :role AND u.is_active AND u.id <> :id', { role: UserRole.PlatformAdmin, id: user.id })
      .getCount();
    if (others === 0) throw new ConflictError('This is the last active platform admin; make another admin first');
  }

  /** A manager needs a clinic; an admin has none. */
  private clinicForRole(role: UserRole, clinicId: string | null | undefined): string | null {
    const errors = clinicRoleErrors(role, clinicId);
    if (errors.length) throw invalidFields(errors);
    return role === UserRole.PlatformAdmin ? null : clinicId!;
  }

  private managerClinic(actor: AuthUser): string {
    if (!actor.clinicId) throw new NotFoundInClinicError('User');
    return actor.clinicId;
  }

  private translate(error: unknown): unknown {
    if (uniqueViolation(error)) {
      return new ConflictError('A user with this email already exists', [{ field: 'email', message: 'Someone already signs in with this email' }]);
    }
    if (foreignKeyViolation(error)) {
      return invalidFields([{ field: 'clinicId', message: 'This clinic does not exist (any more); choose another' }]);
    }
    return error;
  }
}

/** A clinic manager works at one clinic; a platform admin at none. */
function clinicRoleErrors(role: UserRole, clinicId: string | null | undefined): FieldError[] {
  if (role === UserRole.ClinicManager && !clinicId) return [{ field: 'clinicId', message: 'Choose the clinic this manager works at' }];
  if (role === UserRole.PlatformAdmin && clinicId) return [{ field: 'clinicId', message: 'A platform admin works for every clinic: leave the clinic empty' }];
  return [];
}
