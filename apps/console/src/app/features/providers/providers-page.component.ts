import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { EmrService, type ProviderDto, type ProviderStatus, ProvidersService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { PROVIDER_STATUS_LABELS, providerName, syncSummary } from './provider-format';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';

interface ProviderFilter {
  clinicId: string;
  status: ProviderStatus | '';
  voiceBookable: '' | 'yes' | 'no';
}

/** The clinic's providers as synced from OSCAR: filters, a sync button with its counts, and who the receptionist may book. */
@Component({
  selector: 'vd-providers-page',
  imports: [StatusBadgeComponent, 
    RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, MatSlideToggleModule,
    PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent,
  ],
  templateUrl: './providers-page.component.html',
  styleUrl: './providers-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvidersPageComponent {
  private readonly providers = inject(ProvidersService);
  private readonly emr = inject(EmrService);
  readonly clinicId = input.required<string>();

  protected readonly statuses = Object.entries(PROVIDER_STATUS_LABELS) as Array<[ProviderStatus, string]>;
  protected readonly list = new CursorList<ProviderFilter, ProviderDto>({ clinicId: '', status: '', voiceBookable: '' }, (filter, cursor) =>
    filter.clinicId
      ? this.providers.providersList({
          clinicId: filter.clinicId,
          limit: 50,
          cursor,
          status: filter.status || undefined,
          voiceBookable: filter.voiceBookable === '' ? undefined : filter.voiceBookable === 'yes',
        })
      : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly filtered = computed(() => this.list.filter().status !== '' || this.list.filter().voiceBookable !== '');
  protected readonly syncing = signal(false);
  protected readonly syncResult = signal('');
  protected readonly syncProblem = signal<string | null>(null);
  protected readonly rowProblem = signal<string | null>(null);
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected name = providerName;
  protected statusLabel = (status: ProviderStatus) => PROVIDER_STATUS_LABELS[status] ?? status;

  ngOnInit(): void {
    this.list.filter.update((f) => ({ ...f, clinicId: this.clinicId() }));
  }

  protected setStatus(status: ProviderStatus | ''): void {
    this.list.filter.update((f) => ({ ...f, status }));
  }

  protected setBookable(voiceBookable: '' | 'yes' | 'no'): void {
    this.list.filter.update((f) => ({ ...f, voiceBookable }));
  }

  protected async sync(): Promise<void> {
    this.syncing.set(true);
    this.syncResult.set('');
    this.syncProblem.set(null);
    try {
      this.syncResult.set(syncSummary(await this.emr.emrSyncProviders({ clinicId: this.clinicId() })));
      this.list.first.reload();
    } catch (error) {
      this.syncProblem.set(toApiProblem(error).message);
    } finally {
      this.syncing.set(false);
    }
  }

  /** Inline change of who the receptionist may book; the row shows the API's answer. */
  protected async toggleBookable(provider: ProviderDto, voiceBookable: boolean): Promise<void> {
    this.rowProblem.set(null);
    this.pending.update((ids) => new Set(ids).add(provider.id));
    try {
      this.list.replace(await this.providers.providersUpdate({ clinicId: this.clinicId(), providerId: provider.id, body: { voiceBookable } }));
    } catch (error) {
      this.list.replace({ ...provider });
      this.rowProblem.set(`${providerName(provider)}: ${toApiProblem(error).message}`);
    } finally {
      this.pending.update((ids) => {
        const next = new Set(ids);
        next.delete(provider.id);
        return next;
      });
    }
  }
}
