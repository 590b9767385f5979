import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ENUM_TYPE_NAMES, TicketPriority, TicketStatus } from '../database/enums.js';

/**
 * A clinic's support ticket (seed 000 `SupportTicket`). Status workflow
 * open → in_progress → waiting → resolved → closed. The seed gives no foreign keys here.
 */
@Entity({ name: 'support_tickets' })
export class SupportTicket {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  /** user who opened it */
  @Column({ type: 'uuid' })
  createdById: string;

  /** platform admin handling it */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'enum', enum: TicketPriority, enumName: ENUM_TYPE_NAMES.TicketPriority, default: TicketPriority.Medium })
  priority: TicketPriority;

  @Index()
  @Column({ type: 'enum', enum: TicketStatus, enumName: ENUM_TYPE_NAMES.TicketStatus, default: TicketStatus.Open })
  status: TicketStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
