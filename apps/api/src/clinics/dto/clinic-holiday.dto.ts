import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';
import type { ClinicHoliday } from '../clinic-holiday.entity.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { STATUTORY_YEARS } from '../statutory-holidays.js';

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is refused). */
export function IsCalendarDate() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      // said by `isCalendarDate` in common/validation/field-words.ts
      options: {},
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
      },
    });
}

export class CreateClinicHolidayDto {
  @ApiProperty({ type: String, format: 'date', description: 'the day the clinic is closed (clinic\'s calendar)', example: '2026-12-25' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ type: String, maxLength: 200, example: 'Christmas Day' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class ListClinicHolidaysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'from this day on (inclusive)', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'up to this day (inclusive)', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ClinicHolidayDto {
  @ApiProperty({ type: String, format: 'uuid', example: '0b7f6a3e-2c1d-4e5f-8a9b-1c2d3e4f5a6b' })
  id: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-12-25' })
  date: string;
  @ApiProperty({ type: String, nullable: true, example: 'Christmas Day' })
  name: string | null;
  @ApiProperty({ type: String, example: 'statutory:CA-BC', description: 'where it came from: `manual` (added by a person) or `statutory:CA-<province>` (imported)' })
  source: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-01T17:00:00.000Z' })
  createdAt: string;
}

export class ClinicHolidayListDto extends PageOf(ClinicHolidayDto) {}

export class ImportStatutoryHolidaysDto {
  @ApiProperty({ type: 'integer', minimum: STATUTORY_YEARS.min, maximum: STATUTORY_YEARS.max, example: 2027, description: "the year whose statutory holidays to add (the clinic's province)" })
  @IsInt({ message: 'Enter the year as a whole number, e.g. 2027' })
  @Min(STATUTORY_YEARS.min, { message: `The year must be ${STATUTORY_YEARS.min} or later` })
  @Max(STATUTORY_YEARS.max, { message: `The year must be ${STATUTORY_YEARS.max} or earlier` })
  year: number;
}

export class StatutoryImportDto {
  @ApiProperty({ type: 'integer', example: 2027 })
  year: number;
  @ApiProperty({ type: String, example: 'statutory:CA-BC', description: 'the `source` of the holidays this import added' })
  source: string;
  @ApiProperty({ type: 'integer', example: 9, description: 'holidays added' })
  added: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'statutory holidays left out because the clinic already has a holiday on that date (imported before, or added by hand)' })
  skipped: number;
  @ApiProperty({ type: [ClinicHolidayDto], description: 'the holidays added, by date' })
  items: ClinicHolidayDto[];
}

export function toClinicHolidayDto(holiday: ClinicHoliday): ClinicHolidayDto {
  return { id: holiday.id, date: holiday.date, name: holiday.name, source: holiday.source, createdAt: holiday.createdAt.toISOString() };
}
