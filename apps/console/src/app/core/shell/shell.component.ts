import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { CurrentClinic } from '../clinic/current-clinic.service';
import { UnreadNotifications, badgeText, bellLabel } from '../notifications/unread-notifications';
import { ROLE_LABELS, navigationFor, navigationLink } from './navigation';

/** The frame of every signed-in page: toolbar, role-aware side navigation, the page. */
@Component({
  selector: 'vd-shell',
  imports: [MatToolbarModule, MatSidenavModule, MatListModule, MatButtonModule, MatIconModule, RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });
  private readonly clinicId = inject(CurrentClinic).clinicId;
  protected readonly navigation = computed(() =>
    navigationFor(this.user()?.role).map((item) => ({ ...item, link: navigationLink(item, this.clinicId()), exact: item.path === 'clinics' })),
  );
  protected readonly compact = toSignal(
    inject(BreakpointObserver).observe('(max-width: 959.98px)').pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly notifications = inject(UnreadNotifications);
  protected readonly unread = this.notifications.unread;
  protected readonly bellLabel = computed(() => bellLabel(this.unread()));
  protected readonly badge = computed(() => badgeText(this.unread()));
  protected readonly menuOpen = signal(false);
  protected readonly signingOut = signal(false);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // after moving between pages, put keyboard and screen-reader focus on the new page's title
    const injector = inject(Injector);
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        // the unread count is read again on every page (the notifications page sets it itself)
        if (!this.router.url.startsWith('/notifications')) void this.notifications.refresh();
        afterNextRender(() => (this.main().nativeElement.querySelector<HTMLElement>('h1') ?? this.main().nativeElement).focus(), { injector });
      });
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected closeMenuIfCompact(): void {
    if (this.compact()) {
      this.menuOpen.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.auth.logout();
    this.signingOut.set(false);
    await this.router.navigate(['/login']);
  }
}
