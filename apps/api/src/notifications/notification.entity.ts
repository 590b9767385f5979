import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A per-user notification (seed 000 `Notification`): ticket events, and the events of docs/notifications.md. */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  /** e.g. ticket_update, system */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  message: string;

  /** console deep link */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Index()
  @Column({ type: 'boolean', default: false })
  read: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** when it was e-mailed (optional e-mail delivery); null: not e-mailed */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;
}
