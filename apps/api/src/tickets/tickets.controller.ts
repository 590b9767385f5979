import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { CreateTicketDto, ListTicketsQueryDto, TicketDetailDto, TicketListDto, UpdateTicketDto, toTicketDto } from './dto/ticket.dto.js';
import { toTicketMessageDto } from './dto/ticket-message.dto.js';
import type { TicketView } from './tickets.service.js';
import { TicketsService } from './tickets.service.js';
import type { ThreadMessage } from './ticket-messages.service.js';

function toTicketDetailDto(view: TicketView & { thread: ThreadMessage[] }): TicketDetailDto {
  return { ...toTicketDto(view), messages: view.thread.map(toTicketMessageDto) };
}

@ApiTags('tickets')
@Controller('clinics/:clinicId/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: "List a clinic's tickets", description: 'Newest first; by status, priority or assignee (`none`: unassigned).' })
  @ApiOkResponse({ type: TicketListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListTicketsQueryDto,
  ): Promise<TicketListDto> {
    return mapPage(await this.tickets.list(user, clinicId, query), toTicketDto);
  }

  @Post()
  @ClinicAccess()
  @Audit('ticket.create')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Open a ticket', description: 'Opens the ticket (`open`, priority `medium` unless given) and notifies every active platform admin.' })
  @ApiCreatedResponse({ type: TicketDetailDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  async create(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: CreateTicketDto,
  ): Promise<TicketDetailDto> {
    return toTicketDetailDto(await this.tickets.create(user, clinicId, body));
  }

  @Get(':ticketId')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a ticket', description: 'With its thread, oldest first. Internal notes are shown to platform admins only.' })
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such ticket in this clinic' })
  async get(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
  ): Promise<TicketDetailDto> {
    return toTicketDetailDto(await this.tickets.get(user, clinicId, ticketId));
  }

  @Patch(':ticketId')
  @ClinicAccess()
  @Audit('ticket.update')
  @ApiOperation({
    summary: 'Change a ticket',
    description:
      'Title, description and priority; the status along open → in_progress → waiting → resolved → closed (platform admins set any status ' +
      'of a ticket that is not closed; the clinic may reopen a resolved ticket or close one); the assignee (platform admins only). ' +
      'A closed ticket never changes. Status changes notify the creator; an assignment notifies the assignee.',
  })
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields, or an assignee who is not an active platform admin' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A clinic user tried to assign the ticket or set a status only support sets' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such ticket in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The workflow does not allow that change (said in plain words), or the ticket is closed' })
  async update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketDetailDto> {
    return toTicketDetailDto(await this.tickets.update(user, clinicId, ticketId, body));
  }
}
