import type { Routes } from '@angular/router';
import { TicketDetailPageComponent } from './ticket-detail-page.component';
import { TicketsPageComponent } from './tickets-page.component';

/** A clinic's tickets (`/clinics/:clinicId/tickets`) and one ticket. */
export const TICKETS_ROUTES: Routes = [
  { path: '', title: 'Tickets', component: TicketsPageComponent },
  { path: ':ticketId', title: 'Ticket', component: TicketDetailPageComponent },
];

/** `/tickets` for VoiceDesk support: every clinic's tickets. */
export const ALL_TICKETS_ROUTES: Routes = [{ path: '', title: 'Tickets', component: TicketsPageComponent }];
