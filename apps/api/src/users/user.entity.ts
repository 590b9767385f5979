import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ENUM_TYPE_NAMES, UserRole } from '../database/enums.js';

/** Console users (seed 000 `User`) plus what argon2id login, sessions and TOTP MFA need (lockout counters: `auth_throttles`). */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** stored lower-cased by the users service */
  @Column({ type: 'text', unique: true })
  email: string;

  /** argon2id (SPEC §3), never bcrypt */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'enum', enum: UserRole, enumName: ENUM_TYPE_NAMES.UserRole, default: UserRole.ClinicManager })
  role: UserRole;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /** null for platform admins */
  @Column({ type: 'uuid', nullable: true })
  clinicId: string | null;

  @ManyToOne(() => Clinic, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  // ---- additions: MFA, session hygiene ----

  @Column({ type: 'boolean', default: false })
  mfaEnabled: boolean;

  /** TOTP secret, AES-256-GCM ciphertext (key-id prefixed) */
  @Column({ type: 'text', nullable: true })
  mfaSecretEnc: string | null;

  /** argon2id hashes of unused one-time backup codes; a used code is removed */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  mfaBackupCodeHashes: string[];

  /** when the password was last set (creation, change) */
  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /**
   * Carried in every access token (`tv`); bumped on password change, deactivation and "sign out
   * everywhere", which makes every access token issued before stop working at once. A counter
   * rather than a timestamp so replicas' clocks and the JWT's one-second `iat` cannot let a token
   * of the old generation through.
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** TOTP time step of the last accepted code: a code is never accepted twice (replay) */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  mfaLastUsedStep: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /**
   * Set when an admin resets the password (the one-time password was shown to the admin): the
   * console makes the user choose their own at the next sign-in; a password change clears it.
   */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;
}
