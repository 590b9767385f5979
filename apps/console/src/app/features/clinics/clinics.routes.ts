import type { Routes } from '@angular/router';
import { ClinicsPageComponent } from './clinics-page.component';

export const CLINICS_ROUTES: Routes = [{ path: '', title: 'Clinics', component: ClinicsPageComponent }];
