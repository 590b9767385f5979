import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { ROLE_LABELS, navigationFor } from '../../core/shell/navigation';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { DashboardOverviewComponent } from './dashboard-overview.component';

/** The landing page after sign-in: who you are signed in as, their clinic's day and week (or every clinic's), and shortcuts. */
@Component({
  selector: 'vd-dashboard-page',
  imports: [PageHeaderComponent, DashboardOverviewComponent, MatCardModule, RouterLink],
  template: `
    @if (user(); as u) {
      <vd-page-header [title]="'Welcome, ' + u.name" subtitle="VoiceDesk answers your clinic's phone; this is where you run it." />
      <mat-card appearance="outlined" class="who">
        <mat-card-content>
          <dl>
            <div><dt>Signed in as</dt><dd data-testid="user-email">{{ u.email }}</dd></div>
            <div><dt>Role</dt><dd data-testid="user-role">{{ roleLabel() }}</dd></div>
          </dl>
        </mat-card-content>
      </mat-card>
      <h2 class="section-title">{{ u.clinicId ? 'Your clinic today and this week' : 'Clinics today and this week' }}</h2>
      <vd-dashboard-overview class="clinic" [user]="u" />
      <h2 class="section-title">Go to</h2>
      <ul class="shortcuts">
        @for (item of shortcuts(); track item.path) {
          <li>
            <a class="shortcut" [routerLink]="['/', item.path]">
              <span class="shortcut-label">{{ item.label }}</span>
              <span class="shortcut-text">{{ item.description }}</span>
            </a>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .who { margin-bottom: 32px; }
    .clinic { display: block; margin-bottom: 32px; }
    dl { display: flex; flex-wrap: wrap; gap: 16px 48px; margin: 0; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .section-title { font: var(--mat-sys-title-medium); margin: 0 0 12px; }
    .shortcuts { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
                 grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); }
    .shortcut { display: flex; flex-direction: column; gap: 4px; height: 100%; box-sizing: border-box; padding: 16px;
                border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); text-decoration: none;
                background: var(--mat-sys-surface-container-lowest); color: var(--mat-sys-on-surface); }
    .shortcut:hover { background: var(--mat-sys-surface-container); }
    .shortcut:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .shortcut-label { font: var(--mat-sys-title-small); color: var(--mat-sys-primary); }
    .shortcut-text { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  protected readonly user = inject(AuthService).user;
  protected readonly roleLabel = computed(() => {
    const role = this.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly shortcuts = computed(() => navigationFor(this.user()?.role).filter((item) => item.path !== 'dashboard'));
}
