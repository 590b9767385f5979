import type { Routes } from '@angular/router';
import { WaitlistEntryPageComponent } from './waitlist-entry-page.component';
import { WaitlistPageComponent } from './waitlist-page.component';

export const WAITLIST_ROUTES: Routes = [
  { path: '', title: 'Waitlist', component: WaitlistPageComponent },
  { path: ':entryId', title: 'Waitlist entry', component: WaitlistEntryPageComponent },
];
