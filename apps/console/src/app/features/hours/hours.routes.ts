import type { Routes } from '@angular/router';
import { HoursPageComponent } from './hours-page.component';

export const HOURS_ROUTES: Routes = [{ path: '', title: 'Hours and holidays', component: HoursPageComponent }];
