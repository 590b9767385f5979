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

/** Console users (seed 000 `User`) plus what argon2id login, lockout and TOTP MFA need. */
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

  // ---- additions: MFA, lockout, session hygiene ----

  @Column({ type: 'boolean', default: false })
  mfaEnabled: boolean;

  /** TOTP secret, AES-256-GCM ciphertext (key-id prefixed) */
  @Column({ type: 'text', nullable: true })
  mfaSecretEnc: string | null;

  /** argon2id hashes of unused one-time backup codes; a used code is removed */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  mfaBackupCodeHashes: string[];

  /** consecutive failed logins (password or MFA code); reset on success */
  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailedLoginAt: Date | null;

  /** logins refused until then */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** access tokens issued before this instant are refused */
  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
