import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { ListAllTicketsQueryDto, TicketListDto, toTicketDto } from './dto/ticket.dto.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@Controller('tickets')
export class AllTicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @AdminOnly()
  @ApiOperation({
    summary: "List every clinic's tickets",
    description: 'Platform admins: newest first, by status, priority, assignee (`none`: unassigned) or clinic. Counts include internal notes.',
  })
  @ApiOkResponse({ type: TicketListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(@CurrentUser() user: AuthUser | undefined, @Query() query: ListAllTicketsQueryDto): Promise<TicketListDto> {
    return mapPage(await this.tickets.listAll(user, query), toTicketDto);
  }
}
