import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types.js';
import type { Notification } from '../notification.entity.js';

/** `?unread=true|false` arrives as text. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only unread ones; false: only read ones', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ type: String, format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id: string;
  @ApiProperty({ type: String, enum: NOTIFICATION_TYPES, example: 'ticket_reply' })
  type: NotificationType;
  @ApiProperty({ type: String, example: 'VoiceDesk support replied to your ticket' })
  title: string;
  @ApiProperty({
    type: String,
    description: 'what happened, in a sentence; a ticket is named by its title, never its description or messages: open the link to read them',
    example: '“Callers hear the offline message” · Harbourview Clinic · priority high · open',
  })
  message: string;
  @ApiProperty({ type: String, nullable: true, description: 'the console page it is about (a path of the console, with its query)', example: '/clinics/0d6f1c2a-8e4b-4a3f-9c7d-5b1e2f3a4c6d/tickets/5e2d8c1a-4b3f-4a6e-9d7c-2f1e0b9a8c7d' })
  link: string | null;
  @ApiProperty({ type: Boolean, example: false })
  read: boolean;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-21T09:12:40.000Z' })
  createdAt: string;
}

export class NotificationListDto extends PageOf(NotificationDto) {
  @ApiProperty({ type: Number, description: 'all of the caller\'s unread notifications (not only this page)', example: 2 })
  unreadCount: number;
}

export class ReadAllNotificationsDto {
  @ApiProperty({ type: Number, description: 'notifications marked read by this request', example: 4 })
  updated: number;
}

export function toNotificationDto(notification: Notification): NotificationDto {
  return {
    id: notification.id,
    type: notification.type as NotificationType,
    title: notification.title,
    message: notification.message,
    link: notification.link,
    read: notification.read,
    createdAt: notification.createdAt.toISOString(),
  };
}
