import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink, RouterOutlet } from '@angular/router';
import { ClinicsService } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { CurrentClinic } from '../../core/clinic/current-clinic.service';
import { toApiProblem } from '../../core/http/api-error';
import { clinicStatusLabel } from '../../shared/clinic-status';

/**
 * The frame of one clinic's sections. An admin sees which clinic they are working in, and a way
 * to change it; a clinic manager is always in their own clinic and sees nothing extra.
 */
@Component({
  selector: 'vd-clinic-frame',
  imports: [RouterOutlet, RouterLink, MatButtonModule],
  template: `
    @if (isAdmin()) {
      <div class="context" data-testid="clinic-context">
        @if (clinic.value(); as c) {
          <span>Working in <strong data-testid="current-clinic-name">{{ c.name }}</strong> · {{ statusLabel(c.status) }} · {{ c.timezone }}</span>
        } @else if (problem(); as message) {
          <span role="alert">{{ message }}</span>
        } @else {
          <span>Loading the clinic…</span>
        }
        <a mat-button routerLink="/clinics">Change clinic</a>
      </div>
    }
    <router-outlet />
  `,
  styles: `
    .context { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin: -8px 0 16px;
               padding: 4px 4px 4px 16px; border-radius: 12px; background: var(--mat-sys-surface-container); font: var(--mat-sys-body-medium); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicFrameComponent {
  private readonly clinics = inject(ClinicsService);
  readonly clinicId = input.required<string>();

  private readonly current = inject(CurrentClinic);

  protected readonly isAdmin = inject(AuthService).isPlatformAdmin;
  // read again when the clinic changes under it (taken live from its checklist, its status saved)
  protected readonly clinic = resource({
    params: () => (this.isAdmin() ? { clinicId: this.clinicId(), revision: this.current.revision() } : undefined),
    loader: ({ params }) => this.clinics.clinicsGet({ clinicId: params.clinicId }),
  });
  protected readonly problem = computed(() => (this.clinic.error() ? toApiProblem(this.clinic.error()).message : null));
  protected statusLabel = clinicStatusLabel;
}
