import type { Routes } from '@angular/router';
import { SettingsPageComponent } from './settings-page.component';

export const SETTINGS_ROUTES: Routes = [
  {
    path: '',
    title: 'Clinic settings',
    component: SettingsPageComponent,
    // unsaved edits are not lost by following a link: the page asks first
    canDeactivate: [(page: SettingsPageComponent) => page.confirmLeave()],
  },
];
