import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { CurrentClinic } from './current-clinic.service';

/**
 * `/clinics/:clinicId/…`: a clinic manager only ever works in their own clinic (another clinic's
 * address goes to the same page of theirs; the API would answer 404 anyway); an admin's clinic
 * becomes the current one.
 */
export const enterClinic: CanActivateFn = (route, state) => {
  const user = inject(AuthService).user();
  const clinicId = route.paramMap.get('clinicId');
  if (!user || !clinicId) return true;
  if (user.clinicId && user.clinicId !== clinicId) {
    return inject(Router).parseUrl(state.url.replace(`/clinics/${clinicId}`, `/clinics/${user.clinicId}`));
  }
  inject(CurrentClinic).choose(clinicId);
  return true;
};

/**
 * The short addresses of the clinic sections (`/settings`, `/providers`, …) lead into the current
 * clinic; an admin who has not picked one yet is asked to (the clinic picker).
 */
export function toCurrentClinic(section: string): CanActivateFn {
  return () => {
    const clinicId = inject(CurrentClinic).clinicId();
    const router = inject(Router);
    return clinicId ? router.createUrlTree(['/clinics', clinicId, section]) : router.createUrlTree(['/choose-clinic'], { queryParams: { next: section } });
  };
}

/**
 * A section with a view across clinics for admins (`/tickets`): a clinic manager goes into their
 * own clinic's section instead; an admin stays.
 */
export function managersToOwnClinic(section: string): CanActivateFn {
  return (route, state) => (inject(AuthService).user()?.clinicId ? toCurrentClinic(section)(route, state) : true);
}
