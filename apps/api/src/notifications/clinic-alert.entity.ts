import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The state of one kind of clinic alert (`emr_connection`, `texts_failing`), shared by every
 * replica so that an alert is announced once whichever replica noticed it (ClinicAlerts): open
 * since `opened_at`, or over since `closed_at`. One row per clinic and kind, reused.
 */
@Entity({ name: 'clinic_alerts' })
export class ClinicAlert {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
