import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/user.entity.js';
import { ClinicAlerts } from './clinic-alerts.js';
import { Notification } from './notification.entity.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Per-user notifications (seed 000): the signed-in user's own list and read marks,
 * `NotificationsService.send` for every feature whose events notify people (tickets, onboarding,
 * faxes, the EMR connection, texts), `ClinicAlerts` to announce a clinic alert once across
 * replicas, and the optional e-mail delivery (`NotificationMailer`, docs/notifications.md).
 * Depends on no feature module, so any of them can import it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, User])],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationMailer, ClinicAlerts],
  exports: [NotificationsService, ClinicAlerts],
})
export class NotificationsModule {}
