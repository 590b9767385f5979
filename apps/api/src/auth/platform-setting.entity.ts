import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Platform-wide switches set by platform admins (`GET|PUT /api/platform/settings`), one row per key. */
@Entity({ name: 'platform_settings' })
export class PlatformSetting {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** the admin who last changed it (kept when that user is deleted: history, not a relation) */
  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
