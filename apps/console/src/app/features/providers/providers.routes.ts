import type { Routes } from '@angular/router';
import { ProviderDetailPageComponent } from './provider-detail-page.component';
import { ProvidersPageComponent } from './providers-page.component';

export const PROVIDERS_ROUTES: Routes = [
  { path: '', title: 'Providers', component: ProvidersPageComponent },
  { path: ':providerId', title: 'Provider', component: ProviderDetailPageComponent },
];
