import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { maskPhone } from '../../../../../libs/shared/src/phone.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { SmsDirection, SmsStatus } from '../../database/enums.js';
import type { SmsMessage } from '../sms-message.entity.js';

export class ListSmsMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SmsStatus, enumName: 'SmsStatus', description: 'only texts in this status (e.g. `failed`: the ones that did not go out)', example: SmsStatus.Failed })
  @IsOptional()
  @IsEnum(SmsStatus)
  status?: SmsStatus;
}

/** Why a text did not go out (or did not arrive), in words for the clinic's staff. */
const REASONS: Record<string, string> = {
  sms_disabled: 'Texts are turned off for the clinic',
  no_sender_number: 'The clinic has no number to text from',
  no_consent: 'The caller did not agree to a text in this call',
  opted_out: 'The number replied STOP to the clinic’s texts',
  invalid_phone: 'The caller’s number cannot receive texts',
  telnyx_not_configured: 'The text carrier is not set up on this server',
  outcome_unknown: 'A send was cut off before the carrier answered; it was tried again',
  timeout: 'The carrier did not answer in time',
  connection: 'The carrier could not be reached',
  '40300': 'The number replied STOP to the carrier',
  '40001': 'The number is not a mobile phone or cannot be reached',
  '40002': 'The carrier blocked the text as spam',
  '40003': 'The carrier blocked the text as spam',
  '40008': 'The carrier could not deliver the text',
  delivery_failed: 'The carrier could not deliver the text',
};

/**
 * A text as the clinic's staff see it in a list: no words of the message, and the patient's
 * number masked (last 4 digits). Enough to find texts that did not go out and why.
 */
export class SmsMessageDto {
  @ApiProperty({ type: String, format: 'uuid', example: '6f1c2b7e-3d4a-4b5c-8d9e-0a1b2c3d4e5f' })
  id: string;
  @ApiProperty({ enum: SmsDirection, enumName: 'SmsDirection', example: SmsDirection.Outbound })
  direction: SmsDirection;
  @ApiProperty({ type: String, nullable: true, description: "the patient's number (outbound: to, inbound: from) with all but its last 4 digits hidden", example: '********0142' })
  phoneMasked: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'book | reschedule | cancel for confirmations, help for the answer to a HELP text; null for inbound texts', example: 'book' })
  kind: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'en' })
  language: string | null;
  @ApiProperty({ enum: SmsStatus, enumName: 'SmsStatus', example: SmsStatus.Failed })
  status: SmsStatus;
  @ApiProperty({ type: String, nullable: true, description: 'the code of the last failure: a guard (`no_consent`, `opted_out`…) or the carrier’s (`40300`…)', example: 'no_consent' })
  reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the reason in words', example: 'The caller did not agree to a text in this call' })
  reasonText: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Vapi's id of the call that asked for the text", example: 'c7d4e0b2-3f1a-4a8e-9b6d-1e2f3a4b5c6d' })
  vapiCallId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the OSCAR appointment the text is about', example: 4211 })
  appointmentId: number | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T17:32:59.123Z' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T17:33:01.456Z' })
  updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the carrier accepted it', example: '2026-11-23T17:33:00.789Z' })
  sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  deliveredAt: string | null;
}

export class SmsMessageListDto extends PageOf(SmsMessageDto) {}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toSmsMessageDto(message: SmsMessage): SmsMessageDto {
  const reason = message.status === SmsStatus.Sent || message.status === SmsStatus.Delivered ? null : message.errorCode;
  return {
    id: message.id,
    direction: message.direction,
    phoneMasked: maskPhone(message.direction === SmsDirection.Outbound ? message.toE164 : message.fromE164),
    kind: message.templateKind,
    language: message.language,
    status: message.status,
    reason,
    reasonText: reason ? (REASONS[reason] ?? (reason.startsWith('http_') ? `The carrier refused the text (HTTP ${reason.slice(5)})` : 'The carrier refused the text')) : null,
    vapiCallId: message.vapiCallId,
    appointmentId: message.appointmentId,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
    sentAt: iso(message.sentAt),
    deliveredAt: iso(message.deliveredAt),
  };
}
