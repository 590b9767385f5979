import type { Routes } from '@angular/router';
import { ClinicsPageComponent } from './clinics-page.component';

export const CLINICS_ROUTES: Routes = [{ path: '', title: 'Clinics', component: ClinicsPageComponent, data: { mode: 'manage' } }];

/** An admin opening a clinic section before picking a clinic: the same list, each row leads into `next`. */
export const CHOOSE_CLINIC_ROUTES: Routes = [{ path: '', title: 'Choose a clinic', component: ClinicsPageComponent, data: { mode: 'choose' } }];
