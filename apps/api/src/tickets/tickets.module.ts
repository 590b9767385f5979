import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { User } from '../users/user.entity.js';
import { AllTicketsController } from './all-tickets.controller.js';
import { Notification } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { SupportTicket } from './support-ticket.entity.js';
import { TicketMessage } from './ticket-message.entity.js';
import { TicketMessagesController } from './ticket-messages.controller.js';
import { TicketMessagesService } from './ticket-messages.service.js';
import { TicketNotifier } from './ticket-notifier.js';
import { TicketPeople } from './ticket-people.js';
import { TicketRepliesService } from './ticket-replies.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';

/**
 * Support tickets with their threads (internal notes for platform admins only), and the per-user
 * notifications ticket events create (SPEC §9, seed 000). `NotificationsService` is exported for
 * other events that notify users (e.g. onboarding completed).
 */
@Module({
  imports: [TypeOrmModule.forFeature([SupportTicket, TicketMessage, Notification, User]), ClinicsModule],
  controllers: [TicketsController, TicketMessagesController, AllTicketsController, NotificationsController],
  providers: [TicketsService, TicketMessagesService, TicketRepliesService, TicketNotifier, TicketPeople, NotificationsService],
  exports: [NotificationsService],
})
export class TicketsModule {}
