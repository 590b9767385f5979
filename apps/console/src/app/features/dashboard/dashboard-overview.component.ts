import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { DashboardService, type SessionUserDto } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CallAnalyticsComponent } from '../call-logs/call-analytics.component';
import { clinicStatusLabel } from '../../shared/clinic-status';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { emrHealthLabel, onboardingLabel, reasonsLabel } from './dashboard-format';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';

/**
 * The dashboard's figures (the API's dashboard route): a clinic manager's clinic today and this week
 * (with its call charts), or one row per clinic for an admin.
 */
@Component({
  selector: 'vd-dashboard-overview',
  imports: [StatusBadgeComponent, MatCardModule, RouterLink, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent, CallAnalyticsComponent],
  template: `
    @if (dashboard.isLoading() && !dashboard.value()) {
      <vd-loading-state label="Loading the dashboard…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The dashboard could not be loaded" [message]="message" (retry)="dashboard.reload()" />
    } @else if (dashboard.value(); as d) {
      @if (user().clinicId) {
        @for (c of d.items; track c.clinicId) {
          <mat-card appearance="outlined" data-testid="own-clinic">
            <mat-card-content>
              <div class="clinic-head">
                <h2 class="clinic" data-testid="clinic-name">{{ c.name }}</h2>
                <vd-status-badge [status]="c.status">{{ statusLabel(c.status) }}</vd-status-badge>
              </div>
              <dl class="tiles">
                <div><dt>Calls today</dt><dd data-testid="calls-today">{{ c.callsToday }}</dd></div>
                <div><dt>Calls this week</dt><dd data-testid="calls-week">{{ c.callsThisWeek }}</dd></div>
                <div><dt>Booked by voice this week</dt><dd>{{ c.bookingsByVoiceThisWeek }}</dd></div>
                <div><dt>Handed to staff this week</dt><dd>{{ c.transfersThisWeek }}</dd></div>
                <div><dt>Waiting on the waitlist</dt><dd><a [routerLink]="['/clinics', c.clinicId, 'waitlist']">{{ c.waitlistPending }}</a></dd></div>
                <div><dt>Open tickets</dt><dd><a [routerLink]="['/clinics', c.clinicId, 'tickets']">{{ c.openTickets }}</a></dd></div>
                <div><dt>Texts that failed this week</dt><dd [class.warn]="c.textsFailedThisWeek > 0">{{ c.textsFailedThisWeek }}</dd></div>
                <div><dt>EMR connection</dt><dd class="small" [class.warn]="c.emr.state !== 'connected'" data-testid="emr-health">{{ emr(c.emr) }}</dd></div>
              </dl>
              @if (c.status === 'pending') {
                <p class="reasons" data-testid="onboarding-progress">Onboarding: {{ onboarding(c) }}. <a [routerLink]="['/clinics', c.clinicId, 'onboarding']">Open the checklist</a></p>
              }
              @if (c.topTransferReasons.length) {
                <p class="reasons">Why calls were handed to staff this week: {{ reasons(c) }}</p>
              }
            </mat-card-content>
          </mat-card>
          <vd-call-analytics class="analytics" [clinicId]="c.clinicId" />
        }
      } @else if (d.items.length === 0) {
        <vd-empty-state heading="No clinics yet" message="Clinics you provision appear here, with their calls, waitlist, tickets and status." />
      } @else {
        <div class="scroll">
          <table class="table" data-testid="clinic-list">
            <caption class="vd-visually-hidden">Clinics today and this week</caption>
            <thead>
              <tr>
                <th scope="col">Clinic</th><th scope="col">Status</th><th scope="col">Onboarding</th>
                <th scope="col" class="num">Calls today</th><th scope="col" class="num">This week</th><th scope="col" class="num">Booked by voice</th>
                <th scope="col" class="num">To staff</th><th scope="col" class="num">Waitlist</th><th scope="col" class="num">Open tickets</th>
                <th scope="col" class="num">Texts failed</th><th scope="col">EMR</th>
              </tr>
            </thead>
            <tbody>
              @for (c of d.items; track c.clinicId) {
                <tr [attr.data-clinic]="c.clinicId">
                  <td><a [routerLink]="['/clinics', c.clinicId]">{{ c.name }}</a></td>
                  <td><vd-status-badge [status]="c.status">{{ statusLabel(c.status) }}</vd-status-badge></td>
                  <td><a [routerLink]="['/clinics', c.clinicId, 'onboarding']" [attr.aria-label]="'Onboarding of ' + c.name + ': ' + onboarding(c)">{{ onboarding(c) }}</a></td>
                  <td class="num">{{ c.callsToday }}</td>
                  <td class="num">{{ c.callsThisWeek }}</td>
                  <td class="num">{{ c.bookingsByVoiceThisWeek }}</td>
                  <td class="num" [title]="reasons(c)">{{ c.transfersThisWeek }}</td>
                  <td class="num">{{ c.waitlistPending }}</td>
                  <td class="num">{{ c.openTickets }}</td>
                  <td class="num" [class.warn]="c.textsFailedThisWeek > 0">{{ c.textsFailedThisWeek }}</td>
                  <td [class.warn]="c.emr.state !== 'connected'">{{ emr(c.emr) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    .clinic-head { display: flex; align-items: center; gap: 12px; margin-bottom: 12px; }
    .clinic { margin: 0; font: var(--mat-sys-title-large); }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 16px 24px; margin: 0; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-headline-small); }
    dd.small { font: var(--mat-sys-body-large); }
    .warn { color: var(--mat-sys-error); }
    .reasons { margin: 16px 0 0; font: var(--mat-sys-body-medium); }
    .analytics { display: block; margin-top: 24px; }
    .scroll { overflow-x: auto; }
    .num { text-align: right; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardOverviewComponent {
  private readonly api = inject(DashboardService);
  readonly user = input.required<SessionUserDto>();

  protected readonly dashboard = resource({ params: () => ({ user: this.user().id }), loader: () => this.api.dashboardSummary() });
  protected readonly problem = computed(() => (this.dashboard.error() ? toApiProblem(this.dashboard.error()).message : null));
  protected statusLabel = clinicStatusLabel;
  protected emr = emrHealthLabel;
  protected onboarding = onboardingLabel;
  protected reasons = reasonsLabel;
}
