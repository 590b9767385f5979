import type { Routes } from '@angular/router';
import { AuditLogPageComponent } from './audit-log-page.component';

export const AUDIT_LOG_ROUTES: Routes = [{ path: '', title: 'Audit log', component: AuditLogPageComponent }];
