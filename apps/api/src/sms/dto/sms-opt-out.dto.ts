import { ApiProperty } from '@nestjs/swagger';
import { maskPhone } from '../../../../../libs/shared/src/phone.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import type { SmsOptOut } from '../sms-opt-out.entity.js';

/** A number that asked the clinic to stop texting it, as staff see it: masked, with when and how. */
export class SmsOptOutDto {
  @ApiProperty({ type: String, format: 'uuid', example: '0b7d2c1e-5f3a-4e8b-9c6d-7a1b2c3d4e5f' })
  id: string;
  @ApiProperty({ type: String, description: 'the number with all but its last 4 digits hidden', example: '*******0142' })
  phoneMasked: string;
  @ApiProperty({ type: String, description: 'the word it texted (STOP, UNSUBSCRIBE, ARRET, 退订…)', example: 'STOP' })
  keyword: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'when it opted out (its latest STOP)', example: '2026-11-23T17:32:59.123Z' })
  optedOutAt: string;
}

export class SmsOptOutListDto extends PageOf(SmsOptOutDto) {}

export function toSmsOptOutDto(row: SmsOptOut): SmsOptOutDto {
  return { id: row.id, phoneMasked: maskPhone(row.phoneE164) ?? '', keyword: row.sourceKeyword, optedOutAt: row.optedOutAt.toISOString() };
}
