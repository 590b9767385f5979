import type { Routes } from '@angular/router';
import { CallLogsPageComponent } from './call-logs-page.component';

export const CALL_LOGS_ROUTES: Routes = [{ path: '', title: 'Call logs', component: CallLogsPageComponent }];
