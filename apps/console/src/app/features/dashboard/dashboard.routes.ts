import type { Routes } from '@angular/router';
import { DashboardPageComponent } from './dashboard-page.component';

export const DASHBOARD_ROUTES: Routes = [{ path: '', title: 'Dashboard', component: DashboardPageComponent }];
