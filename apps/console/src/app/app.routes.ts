import type { Route, Routes } from '@angular/router';
import { requirePasswordChosen, requireRole, requireSignedIn, requireSignedOut } from './core/auth/auth.guards';
import { enterClinic, managersToOwnClinic, toCurrentClinic } from './core/clinic/clinic.guards';
import { CLINIC_SECTIONS } from './core/shell/navigation';

/**
 * Where a route for platform admins only stood: a clinic manager who opens the address is told,
 * there, that the page is for administrators (the admin route's `canMatch` let this one match).
 */
function notPermittedRoute(path: string, page: string, pathMatch: 'full' | 'prefix' = 'prefix'): Route {
  return {
    path,
    pathMatch,
    title: page,
    data: { page },
    loadComponent: () => import('./core/auth/not-permitted.component').then((m) => m.NotPermittedComponent),
  };
}

/** One lazy chunk per feature; admin-only features are not even loaded for clinic managers. */
export const APP_ROUTES: Routes = [
  {
    path: 'login',
    canActivate: [requireSignedOut],
    loadChildren: () => import('./features/login/login.routes').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: 'change-password',
    title: 'Choose your password',
    canActivate: [requireSignedIn],
    loadComponent: () => import('./features/account/change-password-page.component').then((m) => m.ChangePasswordPageComponent),
  },
  {
    path: '',
    canActivate: [requireSignedIn, requirePasswordChosen],
    canActivateChild: [requireSignedIn, requirePasswordChosen],
    loadComponent: () => import('./core/shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', loadChildren: () => import('./features/dashboard/dashboard.routes').then((m) => m.DASHBOARD_ROUTES) },
      {
        path: 'clinics',
        pathMatch: 'full',
        canMatch: [requireRole('platform_admin')],
        loadChildren: () => import('./features/clinics/clinics.routes').then((m) => m.CLINICS_ROUTES),
      },
      notPermittedRoute('clinics', 'Clinics', 'full'),
      {
        path: 'choose-clinic',
        canMatch: [requireRole('platform_admin')],
        loadChildren: () => import('./features/clinics/clinics.routes').then((m) => m.CHOOSE_CLINIC_ROUTES),
      },
      notPermittedRoute('choose-clinic', 'Choosing a clinic'),
      // one clinic's sections; a manager is always sent to their own clinic
      {
        path: 'clinics/:clinicId',
        canActivate: [enterClinic],
        loadComponent: () => import('./features/clinics/clinic-frame.component').then((m) => m.ClinicFrameComponent),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'settings' },
          { path: 'settings', loadChildren: () => import('./features/settings/settings.routes').then((m) => m.SETTINGS_ROUTES) },
          {
            path: 'onboarding',
            title: 'Onboarding',
            loadComponent: () => import('./features/onboarding/onboarding-page.component').then((m) => m.OnboardingPageComponent),
          },
          { path: 'hours', loadChildren: () => import('./features/hours/hours.routes').then((m) => m.HOURS_ROUTES) },
          { path: 'providers', loadChildren: () => import('./features/providers/providers.routes').then((m) => m.PROVIDERS_ROUTES) },
          { path: 'call-logs', loadChildren: () => import('./features/call-logs/call-logs.routes').then((m) => m.CALL_LOGS_ROUTES) },
          { path: 'waitlist', loadChildren: () => import('./features/waitlist/waitlist.routes').then((m) => m.WAITLIST_ROUTES) },
          { path: 'faxes', loadChildren: () => import('./features/faxes/faxes.routes').then((m) => m.FAXES_ROUTES) },
          { path: 'texts', loadChildren: () => import('./features/texts/texts.routes').then((m) => m.TEXTS_ROUTES) },
          { path: 'tickets', loadChildren: () => import('./features/tickets/tickets.routes').then((m) => m.TICKETS_ROUTES) },
        ],
      },
      // the navigation's short addresses of the clinic sections lead into the current clinic
      ...CLINIC_SECTIONS.map((section) => ({ path: section, canActivate: [toCurrentClinic(section)], children: [] })),
      // admins: every clinic's tickets; a manager goes to their clinic's
      {
        path: 'tickets',
        canActivate: [managersToOwnClinic('tickets')],
        loadChildren: () => import('./features/tickets/tickets.routes').then((m) => m.ALL_TICKETS_ROUTES),
      },
      {
        path: 'notifications',
        loadChildren: () => import('./features/notifications/notifications.routes').then((m) => m.NOTIFICATIONS_ROUTES),
      },
      {
        path: 'audit-log',
        canMatch: [requireRole('platform_admin')],
        loadChildren: () => import('./features/audit-log/audit-log.routes').then((m) => m.AUDIT_LOG_ROUTES),
      },
      notPermittedRoute('audit-log', 'Audit log'),
      { path: 'users', loadChildren: () => import('./features/users/users.routes').then((m) => m.USERS_ROUTES) },
      { path: '**', redirectTo: 'dashboard' },
    ],
  },
];
