import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { CurrentUser, SignedIn, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { requireActor } from '../clinics/clinic-access.js';
import { ListNotificationsQueryDto, NotificationDto, NotificationListDto, ReadAllNotificationsDto, toNotificationDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List my notifications', description: "The caller's own, newest first; `unread=true` for the unread ones only. `unreadCount` counts them all." })
  @ApiOkResponse({ type: NotificationListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(@CurrentUser() user: AuthUser | undefined, @Query() query: ListNotificationsQueryDto): Promise<NotificationListDto> {
    const page = await this.notifications.list(requireActor(user), query);
    return { ...mapPage(page, toNotificationDto), unreadCount: page.unreadCount };
  }

  @Post('read-all')
  @SignedIn()
  @Audit('notification.read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: ReadAllNotificationsDto })
  async readAll(@CurrentUser() user: AuthUser | undefined): Promise<ReadAllNotificationsDto> {
    return { updated: await this.notifications.markAllRead(requireActor(user)) };
  }

  @Post(':id/read')
  @SignedIn()
  @Audit('notification.read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a notification read', description: "Only the caller's own: anyone else's is not found." })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such notification of yours' })
  async read(@CurrentUser() user: AuthUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationDto> {
    return toNotificationDto(await this.notifications.markRead(requireActor(user), id));
  }
}
