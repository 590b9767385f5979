import type { Routes } from '@angular/router';
import { TicketsPageComponent } from './tickets-page.component';

export const TICKETS_ROUTES: Routes = [{ path: '', title: 'Tickets', component: TicketsPageComponent }];
