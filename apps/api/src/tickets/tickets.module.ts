import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { User } from '../users/user.entity.js';
import { AllTicketsController } from './all-tickets.controller.js';
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
 * Support tickets with their threads (internal notes for platform admins only); ticket events
 * notify people through the notifications module (SPEC §9, seed 000).
 */
@Module({
  imports: [TypeOrmModule.forFeature([SupportTicket, TicketMessage, User]), ClinicsModule, NotificationsModule],
  controllers: [TicketsController, TicketMessagesController, AllTicketsController],
  providers: [TicketsService, TicketMessagesService, TicketRepliesService, TicketNotifier, TicketPeople],
})
export class TicketsModule {}
