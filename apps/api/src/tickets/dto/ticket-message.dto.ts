import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import type { TicketMessage } from '../ticket-message.entity.js';
import { trim } from '../../common/validation/transforms.js';


export class ListTicketMessagesQueryDto extends PageQueryDto {}

export class CreateTicketMessageDto {
  @ApiProperty({ type: String, maxLength: 10000, example: 'We restarted the agent; could you place a test call?' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  content: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'platform admins: an internal note the clinic never sees. From a clinic user it is ignored (always false).',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  isInternal?: boolean;
}

export class TicketMessageDto {
  @ApiProperty({ type: String, format: 'uuid', example: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  id: string;
  @ApiProperty({ type: String, format: 'uuid', example: '5e2d8c1a-4b3f-4a6e-9d7c-2f1e0b9a8c7d' })
  ticketId: string;
  @ApiProperty({ type: String, format: 'uuid', example: '3b9e7d1c-5a2f-4c8e-b6d0-1f2e3a4b5c6d' })
  authorId: string;
  @ApiProperty({ type: String, nullable: true, description: 'the author\'s name (null when the user no longer exists)', example: 'Dana Support' })
  authorName: string | null;
  @ApiProperty({ type: Boolean, description: 'written by VoiceDesk support (a platform admin) rather than the clinic', example: true })
  fromSupport: boolean;
  @ApiProperty({ type: String, example: 'We restarted the agent; could you place a test call?' })
  content: string;
  @ApiProperty({ type: Boolean, description: 'an internal note (only platform admins ever see one)', example: false })
  isInternal: boolean;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-21T09:12:40.000Z' })
  createdAt: string;
}

export class TicketMessageListDto extends PageOf(TicketMessageDto) {}

export interface MessageAuthor {
  name: string;
  isAdmin: boolean;
}

export function toTicketMessageDto({ message, author }: { message: TicketMessage; author: MessageAuthor | undefined }): TicketMessageDto {
  return {
    id: message.id,
    ticketId: message.ticketId,
    authorId: message.authorId,
    authorName: author?.name ?? null,
    fromSupport: author?.isAdmin ?? false,
    content: message.content,
    isInternal: message.isInternal,
    createdAt: message.createdAt.toISOString(),
  };
}
