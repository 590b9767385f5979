import type { Routes } from '@angular/router';
import { FaxDetailPageComponent } from './fax-detail-page.component';
import { FaxesPageComponent } from './faxes-page.component';

export const FAXES_ROUTES: Routes = [
  { path: '', title: 'Faxes', component: FaxesPageComponent },
  { path: ':faxId', title: 'Fax', component: FaxDetailPageComponent },
];
