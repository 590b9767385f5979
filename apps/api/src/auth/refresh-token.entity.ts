import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A refresh token (SPEC §3): stored only as a hash, rotated on every use within a family, revoked on
 * logout, password change or deactivation; a reused (already rotated) token revokes its family.
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** SHA-256 (hex) of the opaque token; the token itself is never stored */
  @Column({ type: 'text', unique: true })
  tokenHash: string;

  /** every rotation of one login shares the family id */
  @Index()
  @Column({ type: 'uuid' })
  familyId: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout | rotated | reuse_detected | password_changed | user_deactivated | … */
  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  /** id of the token this one was rotated into */
  @Column({ type: 'uuid', nullable: true })
  replacedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'text', nullable: true })
  ipAddress: string | null;
}
