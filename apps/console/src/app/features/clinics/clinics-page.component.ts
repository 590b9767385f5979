import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type ClinicDto, type ClinicStatus, ClinicsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CLINIC_SECTIONS } from '../../core/shell/navigation';
import { CLINIC_STATUS_LABELS, clinicStatusLabel } from '../../shared/clinic-status';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { CreateClinicDialogComponent } from './create-clinic-dialog.component';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';

interface ClinicFilter {
  q: string;
  status: ClinicStatus | '';
}

const SEARCH_DELAY_MS = 300;

/**
 * Every clinic on the platform (admin): search by name or slug, filter by status, "load more"
 * pages, and a dialog to provision a new one (it starts pending). The same list is the clinic
 * picker (`/choose-clinic`): each row opens that clinic's section the admin asked for.
 */
@Component({
  selector: 'vd-clinics-page',
  imports: [StatusBadgeComponent, 
    FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule,
    PageHeaderComponent, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent,
  ],
  templateUrl: './clinics-page.component.html',
  styleUrl: './clinics-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicsPageComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  /** route data: the clinics screen, or the picker */
  readonly mode = input<'manage' | 'choose'>('manage');
  /** query parameter of the picker: the clinic section to open */
  readonly next = input<string>();

  protected readonly statuses = Object.entries(CLINIC_STATUS_LABELS) as Array<[ClinicStatus, string]>;
  protected readonly list = new CursorList<ClinicFilter, ClinicDto>({ q: '', status: '' }, (filter, cursor) =>
    this.clinics.clinicsList({ limit: 20, q: filter.q.trim() || undefined, status: filter.status || undefined, cursor }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly moreProblem = computed(() => (this.list.moreError() ? toApiProblem(this.list.moreError()).message : null));
  protected readonly filtered = computed(() => this.list.filter().q.trim() !== '' || this.list.filter().status !== '');
  protected readonly section = computed(() => (CLINIC_SECTIONS.includes(this.next() ?? '') ? this.next()! : 'settings'));
  protected search = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected statusLabel = clinicStatusLabel;

  protected onSearch(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.list.filter.update((f) => ({ ...f, q: value })), SEARCH_DELAY_MS);
  }

  protected onStatus(status: ClinicStatus | ''): void {
    this.list.filter.update((f) => ({ ...f, status }));
  }

  protected openCreate(): void {
    this.dialog
      .open(CreateClinicDialogComponent, { width: '640px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created?: ClinicDto) => {
        // a new clinic's next step is its onboarding checklist
        if (created) void this.router.navigate(['/clinics', created.id, 'onboarding']);
      });
  }

  protected link(clinic: ClinicDto): string[] {
    return ['/clinics', clinic.id, this.section()];
  }

  protected open(clinic: ClinicDto): void {
    void this.router.navigate(this.link(clinic));
  }
}
