import type { Routes } from '@angular/router';
import { NotificationsPageComponent } from './notifications-page.component';

export const NOTIFICATIONS_ROUTES: Routes = [{ path: '', title: 'Notifications', component: NotificationsPageComponent }];
