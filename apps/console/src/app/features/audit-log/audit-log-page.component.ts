import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type AuditAction, type AuditLogDto, type AuditOutcome, AuditService, ClinicsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, type AuditFilter, NO_FILTER, actorOf, auditQuery, exportFileName } from './audit-filter';
import { formatInstant } from '../../shared/format/dates';

/**
 * Who changed what, and when (admin): filters by clinic, action, outcome and dates, "load more"
 * pages, and the same rows as CSV, downloaded through the generated client (with the session's
 * bearer token, like every call).
 */
@Component({
  selector: 'vd-audit-log-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  templateUrl: './audit-log-page.component.html',
  styleUrl: './audit-log-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPageComponent {
  private readonly audit = inject(AuditService);
  private readonly clinicsApi = inject(ClinicsService);
  private readonly document = inject(DOCUMENT);

  protected readonly actions = Object.entries(AUDIT_ACTION_LABELS) as Array<[AuditAction, string]>;
  protected readonly outcomes = Object.entries(AUDIT_OUTCOME_LABELS) as Array<[AuditOutcome, string]>;
  protected readonly clinics = resource({ loader: () => this.clinicsApi.clinicsList({ limit: 100 }) });
  private readonly clinicNames = computed(() => new Map((this.clinics.value()?.items ?? []).map((c) => [c.id, c.name])));
  protected readonly list = new CursorList<AuditFilter, AuditLogDto>(NO_FILTER, (filter, cursor) =>
    this.audit.auditLogsList({ ...auditQuery(filter), limit: 50, cursor }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly filtered = computed(() => JSON.stringify(this.list.filter()) !== JSON.stringify(NO_FILTER));
  protected draft: AuditFilter = { ...NO_FILTER };
  protected readonly exporting = signal(false);
  protected readonly exportProblem = signal<string | null>(null);
  protected readonly exportStatus = signal('');

  protected actionLabel = (action: AuditAction) => AUDIT_ACTION_LABELS[action] ?? action;
  protected outcomeLabel = (outcome: AuditOutcome) => AUDIT_OUTCOME_LABELS[outcome] ?? outcome;
  protected actor = actorOf;
  /** the row whose details are shown (redacted body, params, request id) */
  protected readonly open = signal<string | null>(null);

  protected toggle(id: string): void {
    this.open.update((current) => (current === id ? null : id));
  }

  protected json(details: AuditLogDto['details']): string {
    return details ? JSON.stringify(details, null, 2) : 'No details recorded.';
  }

  protected clinicName(id: string | null): string {
    if (!id) return '—';
    return this.clinicNames().get(id) ?? 'Another clinic';
  }

  protected when(instant: string): string {
    return formatInstant(instant);
  }

  protected apply(): void {
    this.list.filter.set({ ...this.draft });
  }

  protected clear(): void {
    this.draft = { ...NO_FILTER };
    this.list.filter.set({ ...NO_FILTER });
  }

  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    this.exportProblem.set(null);
    this.exportStatus.set('');
    try {
      const csv = await this.audit.auditLogsExport(auditQuery(this.list.filter()));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = this.document.createElement('a');
      link.href = url;
      link.download = exportFileName();
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      this.exportStatus.set('The CSV file was downloaded.');
    } catch (error) {
      this.exportProblem.set(toApiProblem(error).message);
    } finally {
      this.exporting.set(false);
    }
  }
}
