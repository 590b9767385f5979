import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { type ClinicDto, type ClinicStatus, ClinicsService, type SessionUserDto } from '@voicedesk/api-client';
import { clinicStatusLabel } from '../../shared/clinic-status';
import { toApiProblem } from '../../core/http/api-error';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';

/** how many clinics an admin's dashboard lists before "All clinics" */
const FIRST_CLINICS = 5;

type Summary = { kind: 'own'; clinic: ClinicDto } | { kind: 'all'; clinics: ClinicDto[]; more: boolean };

/**
 * The clinic part of the dashboard: a clinic manager's own clinic, or the first clinics on the
 * platform for an admin. Loaded through the generated client (with a loading, an empty and an
 * error state).
 */
@Component({
  selector: 'vd-clinic-summary',
  imports: [MatCardModule, MatButtonModule, RouterLink, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    @if (summary.isLoading()) {
      <vd-loading-state label="Loading clinic details…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="Clinic details could not be loaded" [message]="message" (retry)="summary.reload()" />
    } @else if (summary.value(); as s) {
      @if (s.kind === 'own') {
        <mat-card appearance="outlined" data-testid="own-clinic">
          <mat-card-content>
            <dl>
              <div><dt>Clinic</dt><dd data-testid="clinic-name">{{ s.clinic.name }}</dd></div>
              <div><dt>Status</dt><dd>{{ statusLabel(s.clinic.status) }}</dd></div>
              <div><dt>Time zone</dt><dd>{{ s.clinic.timezone }}</dd></div>
              <div><dt>Receptionist number</dt><dd>{{ s.clinic.vapiPhone ?? 'Not assigned yet' }}</dd></div>
            </dl>
          </mat-card-content>
        </mat-card>
      } @else if (s.clinics.length === 0) {
        <vd-empty-state heading="No clinics yet" message="Clinics you provision appear here, with their status." />
      } @else {
        <mat-card appearance="outlined" data-testid="clinic-list">
          <mat-card-content>
            <ul class="clinics">
              @for (clinic of s.clinics; track clinic.id) {
                <li><span class="name">{{ clinic.name }}</span> <span class="status">{{ statusLabel(clinic.status) }}</span></li>
              }
            </ul>
            <a mat-button routerLink="/clinics">{{ s.more ? 'All clinics' : 'Open clinics' }}</a>
          </mat-card-content>
        </mat-card>
      }
    }
  `,
  styles: `
    dl { display: flex; flex-wrap: wrap; gap: 16px 48px; margin: 0; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .clinics { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 8px; }
    .name { font: var(--mat-sys-body-large); }
    .status { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicSummaryComponent {
  private readonly clinics = inject(ClinicsService);

  readonly user = input.required<SessionUserDto>();

  protected readonly summary = resource({
    params: () => ({ role: this.user().role, clinicId: this.user().clinicId }),
    loader: async ({ params }): Promise<Summary> => {
      if (params.clinicId) {
        return { kind: 'own', clinic: await this.clinics.clinicsGet({ clinicId: params.clinicId }) };
      }
      const page = await this.clinics.clinicsList({ limit: FIRST_CLINICS });
      return { kind: 'all', clinics: page.items, more: page.nextCursor !== null };
    },
  });
  protected readonly problem = computed(() => (this.summary.error() ? toApiProblem(this.summary.error()).message : null));

  protected statusLabel(status: ClinicStatus): string {
    return clinicStatusLabel(status);
  }
}
