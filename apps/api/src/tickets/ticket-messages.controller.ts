import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import {
  CreateTicketMessageDto,
  ListTicketMessagesQueryDto,
  TicketMessageDto,
  TicketMessageListDto,
  toTicketMessageDto,
} from './dto/ticket-message.dto.js';
import { TicketRepliesService } from './ticket-replies.service.js';

@ApiTags('tickets')
@Controller('clinics/:clinicId/tickets/:ticketId/messages')
export class TicketMessagesController {
  constructor(private readonly replies: TicketRepliesService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: "List a ticket's messages", description: 'Oldest first. Internal notes are listed for platform admins only.' })
  @ApiOkResponse({ type: TicketMessageListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid limit or cursor' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such ticket in this clinic' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Query() query: ListTicketMessagesQueryDto,
  ): Promise<TicketMessageListDto> {
    return mapPage(await this.replies.list(user, clinicId, ticketId, query), toTicketMessageDto);
  }

  @Post()
  @ClinicAccess()
  @Audit('ticket_message.create')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Reply on a ticket',
    description:
      'A platform admin may write an internal note (`isInternal: true`), which notifies nobody; a clinic user\'s message is never internal. ' +
      'Support\'s replies notify the ticket\'s creator; the clinic\'s notify the assignee, or every platform admin while unassigned.',
  })
  @ApiCreatedResponse({ type: TicketMessageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such ticket in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The ticket is closed' })
  async create(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('ticketId', ParseUUIDPipe) ticketId: string,
    @Body() body: CreateTicketMessageDto,
  ): Promise<TicketMessageDto> {
    return toTicketMessageDto(await this.replies.reply(user, clinicId, ticketId, body));
  }
}
