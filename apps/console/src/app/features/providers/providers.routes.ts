import type { Routes } from '@angular/router';
import { ProvidersPageComponent } from './providers-page.component';

export const PROVIDERS_ROUTES: Routes = [{ path: '', title: 'Providers', component: ProvidersPageComponent }];
