import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { FaxesService, type FaxStatus, type FaxSummaryDto } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { FAX_METHOD_LABELS, FAX_STATUS_LABELS, FAX_TABS, FAX_TYPE_LABELS, label, percent } from './fax-format';
import { formatInstant } from '../../shared/format/dates';
import { showPhone } from '../../shared/phone';

/** The clinic's fax inbox: tabs by status with their counts, the documents of one status, and an upload button. */
@Component({
  selector: 'vd-faxes-page',
  imports: [RouterLink, MatButtonModule, MatTabsModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Faxes" subtitle="Incoming faxes, the fields read from them and the patient they belong to">
      <input #picker type="file" accept="application/pdf,image/tiff,.pdf,.tif,.tiff" hidden (change)="upload(picker)" aria-label="Fax document to upload" data-testid="fax-file" />
      <button mat-flat-button type="button" (click)="picker.click()" [disabled]="uploading()">{{ uploading() ? 'Uploading…' : 'Upload a fax' }}</button>
    </vd-page-header>
    @if (uploadProblem(); as message) {
      <p class="bad" role="alert" data-testid="upload-problem">{{ message }}</p>
    }

    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Faxes by status">
      @for (s of tabs; track s) {
        <a mat-tab-link [active]="list.filter().status === s" (click)="show(s)" (keydown.enter)="show(s)" tabindex="0" [attr.data-testid]="'tab-' + s">
          {{ statusLabel(s) }} ({{ counts.value()?.counts?.[s] ?? 0 }})
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      @if (list.first.isLoading() && list.items().length === 0) {
        <vd-loading-state label="Loading faxes…" />
      } @else if (problem(); as message) {
        <vd-error-state heading="The faxes could not be loaded" [message]="message" (retry)="list.first.reload()" />
      } @else if (list.items().length === 0) {
        <vd-empty-state [heading]="'No faxes ' + statusLabel(list.filter().status).toLowerCase()"
                        message="Faxes sent to the clinic's fax number and documents uploaded here are read, matched to a chart, and listed by status." />
      } @else {
        <table class="table" data-testid="faxes-table">
          <caption class="vd-visually-hidden">Faxes: {{ statusLabel(list.filter().status) }}</caption>
          <thead>
            <tr><th scope="col">Received</th><th scope="col">Document</th><th scope="col">From</th><th scope="col">Pages</th><th scope="col">Match</th><th scope="col">Confidence</th></tr>
          </thead>
          <tbody>
            @for (f of list.items(); track f.id) {
              <tr>
                <td><a [routerLink]="[f.id]">{{ when(f) }}</a></td>
                <td>{{ typeLabel(f.documentType) }}@if (f.originalFilename) { <span class="hint"> · {{ f.originalFilename }}</span> }</td>
                <td>{{ f.senderFaxNumber ? phone(f.senderFaxNumber) : f.source === 'upload' ? 'Uploaded' : '—' }}</td>
                <td>{{ f.pageCount ?? '—' }}</td>
                <td>{{ f.matchMethod ? methodLabel(f.matchMethod) : (f.errorMessage ? f.errorMessage : '—') }}</td>
                <td>{{ percent(f.matchConfidence) }}</td>
              </tr>
            }
          </tbody>
        </table>
        @if (list.moreError()) {
          <p class="bad" role="alert">{{ moreProblem() }}</p>
        }
        @if (list.nextCursor()) {
          <div class="more"><button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button></div>
        }
      }
    </mat-tab-nav-panel>
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    nav { margin-bottom: 16px; }
    .hint { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FaxesPageComponent {
  private readonly faxes = inject(FaxesService);
  private readonly router = inject(Router);
  readonly clinicId = input.required<string>();

  protected readonly tabs = FAX_TABS;
  protected readonly list = new CursorList<{ clinicId: string; status: FaxStatus }, FaxSummaryDto>({ clinicId: '', status: 'needs_review' }, (filter, cursor) =>
    filter.clinicId ? this.faxes.faxesList({ clinicId: filter.clinicId, status: filter.status, limit: 25, cursor }) : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly counts = resource({
    params: () => ({ clinicId: this.list.filter().clinicId, at: this.list.filter() }),
    loader: ({ params }) => (params.clinicId ? this.faxes.faxesCounts({ clinicId: params.clinicId }) : Promise.resolve(undefined)),
  });
  protected readonly uploading = signal(false);
  protected readonly uploadProblem = signal<string | null>(null);
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly moreProblem = computed(() => toApiProblem(this.list.moreError()).message);
  protected readonly percent = percent;
  protected readonly phone = showPhone;
  protected statusLabel = (value: string) => label(FAX_STATUS_LABELS, value);
  protected typeLabel = (value: string | null) => label(FAX_TYPE_LABELS, value, 'Not read yet');
  protected methodLabel = (value: string) => label(FAX_METHOD_LABELS, value);
  protected when = (f: FaxSummaryDto) => formatInstant(f.receivedAt ?? f.createdAt);

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId(), status: 'needs_review' });
  }

  protected show(status: FaxStatus): void {
    this.list.filter.set({ clinicId: this.clinicId(), status });
  }

  /** Uploads the chosen file and opens it: its page shows the reading as it happens. */
  protected async upload(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    this.uploading.set(true);
    this.uploadProblem.set(null);
    try {
      const document = await this.faxes.faxesUpload({ clinicId: this.clinicId(), body: { file } });
      await this.router.navigate(['/clinics', this.clinicId(), 'faxes', document.id]);
    } catch (error) {
      this.uploadProblem.set(toApiProblem(error).message);
    } finally {
      this.uploading.set(false);
    }
  }
}
