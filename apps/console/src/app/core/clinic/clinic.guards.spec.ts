import { DOCUMENT } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, Router, type RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { admin, manager } from '../../../testing/session';
import { AuthService } from '../auth/auth.service';
import { TOKEN_STORAGE, memoryStorage } from '../auth/session-storage';
import { CLINIC_SECTIONS, NAV_ITEMS, navigationLink } from '../shell/navigation';
import { enterClinic, managersToOwnClinic, toCurrentClinic } from './clinic.guards';
import { CurrentClinic } from './current-clinic.service';

function signedInAs(user: typeof admin) {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideRouter([]),
      provideLocationMocks(),
      // no DOM in these tests: the router only needs a document for page titles
      { provide: DOCUMENT, useValue: { title: '' } },
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
      { provide: AuthService, useValue: { user: () => user } },
    ],
  });
}

const route = (clinicId: string) => ({ paramMap: new Map([['clinicId', clinicId]]) }) as unknown as ActivatedRouteSnapshot;
const state = (url: string) => ({ url }) as RouterStateSnapshot;
const run = <T>(fn: () => T): T => TestBed.runInInjectionContext(fn);
const url = (result: unknown) => TestBed.inject(Router).serializeUrl(result as UrlTree);

describe('working inside a clinic', () => {
  it('a manager opening another clinic’s page lands on the same page of their own clinic', () => {
    signedInAs(manager);
    const result = run(() => enterClinic(route('other'), state('/clinics/other/providers/p1')));
    expect(result).toBeInstanceOf(UrlTree);
    expect(url(result)).toBe('/clinics/c1/providers/p1');
    expect(run(() => enterClinic(route('c1'), state('/clinics/c1/settings')))).toBe(true);
  });

  it('an admin’s clinic becomes the current one, and the short addresses lead into it', () => {
    signedInAs(admin);
    expect(url(run(() => toCurrentClinic('hours')(route(''), state('/hours'))))).toBe('/choose-clinic?next=hours');
    expect(run(() => enterClinic(route('c9'), state('/clinics/c9/settings')))).toBe(true);
    expect(TestBed.inject(CurrentClinic).clinicId()).toBe('c9');
    expect(url(run(() => toCurrentClinic('hours')(route(''), state('/hours'))))).toBe('/clinics/c9/hours');
  });

  it('a manager opening the cross-clinic tickets goes to their clinic’s; an admin stays', () => {
    signedInAs(manager);
    expect(url(run(() => managersToOwnClinic('tickets')(route(''), state('/tickets'))))).toBe('/clinics/c1/tickets');
    TestBed.resetTestingModule();
    signedInAs(admin);
    expect(run(() => managersToOwnClinic('tickets')(route(''), state('/tickets')))).toBe(true);
  });

  it('the menu links clinic sections inside the current clinic, other sections as they are', () => {
    const settings = NAV_ITEMS.find((item) => item.path === 'settings')!;
    const users = NAV_ITEMS.find((item) => item.path === 'users')!;
    expect(navigationLink(settings, 'c1')).toEqual(['/clinics', 'c1', 'settings']);
    expect(navigationLink(settings, null)).toEqual(['/', 'settings']);
    expect(navigationLink(users, 'c1')).toEqual(['/', 'users']);
    // the same list serves the short addresses and the clinic picker's `next`
    expect(CLINIC_SECTIONS).toEqual(['settings', 'hours', 'providers', 'waitlist', 'call-logs', 'faxes', 'texts']);
  });
});
