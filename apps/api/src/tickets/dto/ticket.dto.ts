import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { TicketPriority, TicketStatus } from '../../database/enums.js';
import type { SupportTicket } from '../support-ticket.entity.js';
import { TicketMessageDto } from './ticket-message.dto.js';
import { trim } from '../../common/validation/transforms.js';


export const UNASSIGNED = 'none';

export class ListTicketsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TicketStatus, enumName: 'TicketStatus', example: TicketStatus.Open })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority, enumName: 'TicketPriority', example: TicketPriority.High })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({
    type: String,
    description: 'the assigned platform admin\'s user id, or `none` for tickets nobody is assigned to',
    example: '7a0c3f5e-2b9d-4e1a-8c6f-3d2e1b0a9f8e',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== UNASSIGNED)
  @IsUUID('4', { message: 'Assignee must be chosen from the list, or none' })
  assigneeId?: string;
}

export class ListAllTicketsQueryDto extends ListTicketsQueryDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'only this clinic\'s tickets', example: '0d6f1c2a-8e4b-4a3f-9c7d-5b1e2f3a4c6d' })
  @IsOptional()
  @IsUUID('4')
  clinicId?: string;
}

export class CreateTicketDto {
  @ApiProperty({ type: String, maxLength: 200, example: 'Callers hear the offline message' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: String, maxLength: 10000, example: 'Since this morning every call ends with "we are offline". The voice agent is on in settings.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description: string;

  @ApiPropertyOptional({ enum: TicketPriority, enumName: 'TicketPriority', default: TicketPriority.Medium, example: TicketPriority.High })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;
}

export class UpdateTicketDto {
  @ApiPropertyOptional({ type: String, maxLength: 200, example: 'Callers hear the offline message (since 9:00)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, maxLength: 10000, example: 'Every call since 9:00 ends with the offline message.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: TicketPriority, enumName: 'TicketPriority', example: TicketPriority.Urgent })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({
    enum: TicketStatus,
    enumName: 'TicketStatus',
    description:
      'open → in_progress → waiting → resolved → closed. Support sets any status of a ticket that is not closed; the clinic may reopen a ' +
      'resolved ticket (`open`) or close it (`closed`, final).',
    example: TicketStatus.Resolved,
  })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'platform admins only: an active platform admin to handle the ticket; null unassigns',
    example: '7a0c3f5e-2b9d-4e1a-8c6f-3d2e1b0a9f8e',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  assigneeId?: string | null;
}

export class TicketDto {
  @ApiProperty({ type: String, format: 'uuid', example: '5e2d8c1a-4b3f-4a6e-9d7c-2f1e0b9a8c7d' })
  id: string;
  @ApiProperty({ type: String, format: 'uuid', example: '0d6f1c2a-8e4b-4a3f-9c7d-5b1e2f3a4c6d' })
  clinicId: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'the user who opened it', example: '3b9e7d1c-5a2f-4c8e-b6d0-1f2e3a4b5c6d' })
  createdById: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the platform admin handling it', example: null })
  assigneeId: string | null;
  @ApiProperty({ type: String, example: 'Callers hear the offline message' })
  title: string;
  @ApiProperty({ type: String, example: 'Since this morning every call ends with "we are offline".' })
  description: string;
  @ApiProperty({ enum: TicketPriority, enumName: 'TicketPriority', example: TicketPriority.High })
  priority: TicketPriority;
  @ApiProperty({ enum: TicketStatus, enumName: 'TicketStatus', example: TicketStatus.Open })
  status: TicketStatus;
  @ApiProperty({ type: Number, description: 'messages in the thread the caller may read (internal notes count for platform admins only)', example: 3 })
  messageCount: number;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-20T18:04:11.000Z' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-21T09:12:40.000Z' })
  updatedAt: string;
}

export class TicketDetailDto extends TicketDto {
  @ApiProperty({ type: [TicketMessageDto], description: 'the thread, oldest first (internal notes for platform admins only)' })
  messages: TicketMessageDto[];
}

export class TicketListDto extends PageOf(TicketDto) {}

export function toTicketDto({ ticket, messageCount }: { ticket: SupportTicket; messageCount: number }): TicketDto {
  return {
    id: ticket.id,
    clinicId: ticket.clinicId,
    createdById: ticket.createdById,
    assigneeId: ticket.assigneeId,
    title: ticket.title,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.status,
    messageCount,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}
