import type { Routes } from '@angular/router';
import { WaitlistPageComponent } from './waitlist-page.component';

export const WAITLIST_ROUTES: Routes = [{ path: '', title: 'Waitlist', component: WaitlistPageComponent }];
