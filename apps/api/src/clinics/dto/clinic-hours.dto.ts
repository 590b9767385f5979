import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { createValidationPipe } from '../../common/errors/validation.pipe.js';
import type { ClinicHours } from '../clinic-hours.entity.js';

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An open day closes after it opens; checked with the other fields, so every problem of the week answers together. */
const ClosesAfterOpening = () =>
  ValidateBy({
    name: 'closesAfterOpening',
    validator: {
      validate: (value, args) => {
        const day = args?.object as Partial<ClinicHoursDayDto>;
        const times = [day.openTime, value];
        if (day.isClosed === true || !times.every((t) => typeof t === 'string' && HH_MM.test(t))) return true;
        return (value as string) > (day.openTime as string);
      },
    },
  }, { message: (args) => `Closing time must be after opening time on ${DAY_NAMES[(args.object as ClinicHoursDayDto).dayOfWeek] ?? 'this day'}` });

const SEVEN_DAYS = 'Opening hours must list the 7 days of the week, Sunday to Saturday';

/** One weekday's opening hours, in the clinic's time zone. */
export class ClinicHoursDayDto {
  @ApiProperty({ type: Number, minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday', example: 1 })
  @IsInt()
  @Min(0)
  @Max(6)
  dayOfWeek: number;

  @ApiProperty({ type: String, nullable: true, pattern: HH_MM.source, description: 'HH:mm (24 h); null when closed', example: '09:00' })
  @ValidateIf((o: ClinicHoursDayDto, v) => v !== null || !o.isClosed)
  @Matches(HH_MM, { message: 'Opening time must be a time on the 24-hour clock, e.g. 09:00' })
  openTime: string | null;

  @ApiProperty({ type: String, nullable: true, pattern: HH_MM.source, description: 'HH:mm (24 h), after openTime; null when closed', example: '17:00' })
  @ValidateIf((o: ClinicHoursDayDto, v) => v !== null || !o.isClosed)
  @Matches(HH_MM, { message: 'Closing time must be a time on the 24-hour clock, e.g. 17:00' })
  @ClosesAfterOpening()
  closeTime: string | null;

  @ApiProperty({ type: Boolean, example: false })
  @IsBoolean()
  isClosed: boolean;
}

/** The week: exactly seven rows, one per weekday (GET answers the same shape). */
export class ClinicHoursWeekDto {
  @ApiProperty({ type: [ClinicHoursDayDto], minItems: 7, maxItems: 7, description: 'Sunday (0) to Saturday (6)' })
  @IsArray()
  @ArrayMinSize(7, { message: SEVEN_DAYS })
  @ArrayMaxSize(7, { message: SEVEN_DAYS })
  @ValidateNested({ each: true })
  @Type(() => ClinicHoursDayDto)
  items: ClinicHoursDayDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'always null (the week is one page)' })
  @Allow()
  nextCursor?: null;
}

export function toClinicHoursDayDto(row: Pick<ClinicHours, 'dayOfWeek' | 'openTime' | 'closeTime' | 'isClosed'>): ClinicHoursDayDto {
  return { dayOfWeek: row.dayOfWeek, openTime: row.openTime, closeTime: row.closeTime, isClosed: row.isClosed };
}

/**
 * PUT takes the seven rows as a bare array (SPEC §12) or the `{items}` object GET answers; either
 * way they are validated as `ClinicHoursWeekDto` (errors name `items.<i>.<field>`).
 */
@Injectable()
export class ClinicHoursBodyPipe implements PipeTransform<unknown, Promise<ClinicHoursWeekDto>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown): Promise<ClinicHoursWeekDto> {
    const body = Array.isArray(value) ? { items: value } : value;
    return this.validation.transform(body, { type: 'body', metatype: ClinicHoursWeekDto }) as Promise<ClinicHoursWeekDto>;
  }
}
