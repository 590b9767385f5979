import type { Routes } from '@angular/router';
import { FaxesPageComponent } from './faxes-page.component';

export const FAXES_ROUTES: Routes = [{ path: '', title: 'Faxes', component: FaxesPageComponent }];
