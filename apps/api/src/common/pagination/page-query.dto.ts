import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_CLINIC_PAGE_SIZE, MAX_CURSOR_LENGTH } from './cursor.js';

/** `?limit=`: rows per page, 1 to `max` (default `DEFAULT_PAGE_SIZE`). */
export function PageLimit(max: number) {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: 1, maximum: max, default: DEFAULT_PAGE_SIZE, example: 50 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/** `?cursor=`: the `nextCursor` of the previous page (checked against the list's order by `decodeCursor`). */
export function PageCursor() {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      maxLength: MAX_CURSOR_LENGTH,
      description: 'the `nextCursor` of the previous page (opaque)',
      example: 'WyIyMDI2LTExLTIzVDE3OjMyOjU5LjEyMzQ1NloiLCI5ZjFjLi4uIl0',
    }),
    IsOptional(),
    IsString(),
    MaxLength(MAX_CURSOR_LENGTH),
  );
}

/** `?limit=&cursor=` of the lists of clinics and of a clinic's data. */
export class PageQueryDto {
  @PageLimit(MAX_CLINIC_PAGE_SIZE)
  limit?: number;

  @PageCursor()
  cursor?: string;
}
