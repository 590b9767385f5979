import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from '../../common/errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `?limit=&cursor=` of every cursor-paginated list. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ type: String, description: 'the `nextCursor` of the previous page', example: 'eyJrIjpbIkhhcmJvdXJ2aWV3Il0sImlkIjoiLi4uIn0' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Position after the last row of a page: its sort keys and id (ties broken by id). */
export interface CursorPosition {
  k: string[];
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
    if (Array.isArray(value?.k) && value.k.every((k) => typeof k === 'string') && typeof value.id === 'string' && UUID.test(value.id)) {
      return { k: value.k, id: value.id };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidInputError('The cursor is not one this API gave out', [
    { field: 'cursor', message: 'cursor must be the nextCursor of a previous page' },
  ]);
}

/** A page of rows fetched with `limit + 1`: the extra row only says that there is a next page. */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => CursorPosition): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}
