import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserRole } from '../database/enums.js';
import { User } from '../users/user.entity.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import type { ListNotificationsQueryDto } from './dto/notification.dto.js';
import type { NotificationType } from './notification-types.js';
import { Notification } from './notification.entity.js';
import { NotificationMailer } from './notification-mailer.js';

const NEWEST_FIRST: ListOrder = { keys: [['n.created_at', 'timestamp']], id: 'n.id', direction: 'DESC' };

export interface NewNotification {
  type: NotificationType;
  /** also the subject of its e-mail: never PHI, never a ticket's text or title */
  title: string;
  /** never PHI (a ticket's title, readable by the recipient anyway, at most); never e-mailed */
  message: string;
  link: string;
}

/**
 * Per-user notifications: each user reads and marks only their own (another user's id is "not
 * found", like one that does not exist). Written by the features whose events notify people
 * (tickets, onboarding); a module of its own so that any of them can use it.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly mailer: NotificationMailer,
  ) {}

  /** Who "support" is: every active platform admin. */
  async activeAdminIds(): Promise<string[]> {
    const rows = await this.users.find({ select: { id: true }, where: { role: UserRole.PlatformAdmin, isActive: true } });
    return rows.map((row) => row.id);
  }

  async list(user: AuthUser, query: ListNotificationsQueryDto): Promise<Page<Notification> & { unreadCount: number }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.notifications.createQueryBuilder('n'), NEWEST_FIRST, query.cursor, limit);
    qb.andWhere('n.userId = :userId', { userId: user.id });
    if (query.unread !== undefined) qb.andWhere('n.read = :read', { read: !query.unread });
    qb.addSelect(timestampKeySql('n.created_at'), 'cursor_created_at');
    const [{ entities, raw }, unreadCount] = await Promise.all([
      qb.getRawAndEntities<{ cursor_created_at: string }>(),
      this.notifications.countBy({ userId: user.id, read: false }),
    ]);
    const rows = entities.map((notification, i) => ({ notification, createdAt: raw[i].cursor_created_at }));
    const page = toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.notification.id }), (row) => row.notification);
    return { ...page, unreadCount };
  }

  async markRead(user: AuthUser, notificationId: string): Promise<Notification> {
    const notification = await this.notifications.findOneBy({ id: notificationId, userId: user.id });
    if (!notification) throw new NotFoundInClinicError('Notification');
    if (!notification.read) {
      await this.notifications.update({ id: notificationId, userId: user.id }, { read: true });
      notification.read = true;
    }
    return notification;
  }

  /** A clinic's staff: its active clinic managers. */
  async activeClinicStaffIds(clinicId: string): Promise<string[]> {
    const rows = await this.users.find({ select: { id: true }, where: { role: UserRole.ClinicManager, clinicId, isActive: true } });
    return rows.map((row) => row.id);
  }

  async markAllRead(user: AuthUser): Promise<number> {
    const result = await this.notifications.update({ userId: user.id, read: false }, { read: true });
    return result.affected ?? 0;
  }

  /** One notification for each of `userIds` (duplicates dropped), e-mailed too when e-mail is on. */
  async send(userIds: string[], notification: NewNotification): Promise<void> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    const result = await this.notifications.insert(ids.map((userId) => ({ userId, ...notification, read: false })));
    await this.mailer.enqueue(result.identifiers.map((row) => row.id as string));
  }

  /** A clinic's active managers and, with `admins`, every active platform admin. */
  async clinicRecipients(clinicId: string, options: { admins: boolean }): Promise<string[]> {
    const [managers, admins] = await Promise.all([this.activeClinicStaffIds(clinicId), options.admins ? this.activeAdminIds() : []]);
    return [...managers, ...admins];
  }
}
