import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The response of a cursor-paginated list, `{items, nextCursor}` (SPEC §12), for an item DTO:
 * `export class UserListDto extends PageOf(UserDto) {}` (the subclass names the OpenAPI schema).
 */
export function PageOf<Item>(item: Type<Item>) {
  abstract class PageDto {
    @ApiProperty({ type: [item] })
    items: Item[];

    @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page', example: null })
    nextCursor: string | null;
  }
  return PageDto;
}
