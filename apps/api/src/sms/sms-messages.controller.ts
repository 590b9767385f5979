import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { ListSmsMessagesQueryDto, SmsMessageListDto, toSmsMessageDto } from './dto/sms-message.dto.js';
import { SmsOptOutListDto, toSmsOptOutDto } from './dto/sms-opt-out.dto.js';
import { SmsMessagesService } from './sms-messages.service.js';

@ApiTags('sms')
@Controller('clinics/:clinicId')
export class SmsMessagesController {
  constructor(private readonly messages: SmsMessagesService) {}

  @Get('sms-messages')
  @ClinicAccess()
  @ApiOperation({
    summary: 'List texts',
    description:
      "The clinic's texts (confirmations sent and replies received), newest first, with their status and, for those that did not go out " +
      "or did not arrive, the reason. The patient's number is masked (last 4 digits) and the words of a text are never listed.",
  })
  @ApiOkResponse({ type: SmsMessageListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid status, limit or cursor' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such clinic (or not yours)' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListSmsMessagesQueryDto,
  ): Promise<SmsMessageListDto> {
    return mapPage(await this.messages.list(user, clinicId, query), toSmsMessageDto);
  }

  @Get('sms-opt-outs')
  @ClinicAccess()
  @ApiOperation({
    summary: 'List opted-out numbers',
    description:
      "The numbers that texted STOP (or UNSUBSCRIBE, ARRET, 退订…) to the clinic's sender and have not texted START since: the clinic " +
      'sends them no confirmation. The latest first; the number is masked (last 4 digits).',
  })
  @ApiOkResponse({ type: SmsOptOutListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid limit or cursor' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such clinic (or not yours)' })
  async listOptOuts(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: PageQueryDto,
  ): Promise<SmsOptOutListDto> {
    return mapPage(await this.messages.listOptOuts(user, clinicId, query), toSmsOptOutDto);
  }
}
