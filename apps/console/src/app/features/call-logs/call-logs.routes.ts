import type { Routes } from '@angular/router';
import { CallDetailPageComponent } from './call-detail-page.component';
import { CallLogsPageComponent } from './call-logs-page.component';

export const CALL_LOGS_ROUTES: Routes = [
  { path: '', title: 'Call logs', component: CallLogsPageComponent },
  { path: ':callId', title: 'Call', component: CallDetailPageComponent },
];
