import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { FaxesService, type FaxDocumentDto } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { FAX_IN_PROGRESS, FAX_METHOD_LABELS, FAX_STATUS_LABELS, FAX_TYPE_LABELS, label, percent } from './fax-format';
import { formatInstant } from '../../shared/format/dates';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';
import { showPhone } from '../../shared/phone';

/** How often the page asks again while a document is being read. */
const POLL_MS = 1500;

/**
 * One fax: its pages (rendered by the API) beside the fields read from it, the candidate charts
 * with their confidence and method, and the staff's decision: verify the suggested chart, pick
 * another (by its demographic number), or reject the document with a reason. While the document
 * is being read the page asks again until its status settles.
 */
@Component({
  selector: 'vd-fax-detail-page',
  imports: [StatusBadgeComponent, FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    @if (fax.isLoading() && !fax.hasValue()) {
      <vd-page-header title="Fax" />
      <vd-loading-state label="Loading the fax…" />
    } @else if (problem(); as message) {
      <vd-page-header title="Fax" />
      <vd-error-state heading="The fax could not be loaded" [message]="message" (retry)="fax.reload()" />
    } @else if (fax.value(); as f) {
      <vd-page-header [title]="typeLabel(f.documentType)" [subtitle]="'Received ' + when(f.receivedAt ?? f.createdAt) + (f.senderFaxNumber ? ' from ' + f.senderFaxNumber : '')">
        <a mat-button routerLink="..">All faxes</a>
      </vd-page-header>
      <p class="status" data-testid="fax-status" aria-live="polite">
        <vd-status-badge [status]="f.status">{{ statusLabel(f.status) }}</vd-status-badge>
        @if (inProgress()) { <span class="hint">The document is being read; this page updates by itself.</span> }
        @if (f.errorMessage) { <span class="bad">{{ f.errorMessage }}</span> }
      </p>

      <div class="split">
        <section class="pages" aria-label="Pages">
          @if (pagesLoading()) {
            <p class="hint">Loading the pages…</p>
          } @else if (pages().length === 0) {
            <p class="hint">{{ inProgress() ? 'The pages appear once the document is read.' : 'No page can be shown.' }}</p>
          }
          @for (p of pages(); track p.n) {
            <img [src]="p.url" [alt]="'Page ' + p.n + ' of ' + pages().length" data-testid="fax-page" />
          }
          @if (pageProblem(); as message) { <p class="bad" role="alert">{{ message }}</p> }
        </section>

        <section class="side" aria-label="What was read">
          <h2 class="title">Fields read</h2>
          @if (f.extractedData; as d) {
            <dl class="facts" data-testid="fax-fields">
              <div><dt>First name</dt><dd>{{ d.patientFirstName ?? '—' }}</dd></div>
              <div><dt>Last name</dt><dd>{{ d.patientLastName ?? '—' }}</dd></div>
              <div><dt>Date of birth</dt><dd>{{ d.dateOfBirth ?? '—' }}</dd></div>
              <div><dt>PHN</dt><dd>{{ d.phn ?? '—' }}</dd></div>
              <div><dt>Phone</dt><dd>{{ phone(d.phone, '—') }}</dd></div>
              <div><dt>Referring provider</dt><dd>{{ d.referringProvider ?? '—' }}</dd></div>
            </dl>
            <p class="hint">Read by {{ f.extractionProvider === 'offline' ? 'the built-in reader' : f.extractionProvider }}.@if (f.extractionNote) { {{ ' ' + f.extractionNote }} }</p>
          } @else {
            <p class="hint">Nothing read yet.</p>
          }

          <h2 class="title">Patient</h2>
          @if (f.matchedPatientId) {
            <p data-testid="fax-match">{{ f.matchVerified ? 'Verified' : 'Suggested' }}: <strong>{{ f.matchedPatientName }}</strong> (chart {{ f.matchedPatientId }})
              @if (f.matchMethod) { <span class="hint"> · {{ methodLabel(f.matchMethod) }}, {{ percent(f.matchConfidence) }}</span> }
            </p>
          }
          @if (f.rejectReason) { <p>Rejected: {{ f.rejectReason }}</p> }
          @if (f.candidates.length) {
            <table class="table" data-testid="fax-candidates">
              <caption class="vd-visually-hidden">Charts that may be the patient</caption>
              <thead><tr><th scope="col">Chart</th><th scope="col">Found by</th><th scope="col">Confidence</th><th scope="col"><span class="vd-visually-hidden">Action</span></th></tr></thead>
              <tbody>
                @for (c of f.candidates; track c.demographicId) {
                  <tr>
                    <td>{{ c.demographicId }}</td>
                    <td>{{ methodLabel(c.method) }}</td>
                    <td>{{ percent(c.confidence) }}</td>
                    <td>@if (decidable()) { <button mat-stroked-button type="button" (click)="verify(c.demographicId)" [disabled]="busy()" [attr.aria-label]="'Verify chart ' + c.demographicId">Verify</button> }</td>
                  </tr>
                }
              </tbody>
            </table>
          } @else if (!inProgress()) {
            <p class="hint">No chart in the EMR matched what was read.</p>
          }

          @if (decidable()) {
            <form class="decide" (ngSubmit)="verify(chart)" aria-label="Choose another chart">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Chart number (demographic no.)</mat-label>
                <input matInput name="chart" [(ngModel)]="chart" inputmode="numeric" required />
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="busy() || !chart">Verify this chart</button>
            </form>
            <form class="decide" (ngSubmit)="reject()" aria-label="Reject the document">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Reason to reject</mat-label>
                <input matInput name="reason" [(ngModel)]="reason" required maxlength="500" />
              </mat-form-field>
              <button mat-stroked-button type="submit" [disabled]="busy() || !reason.trim()">Reject</button>
            </form>
          }
          @if (decisionProblem(); as message) { <p class="bad" role="alert" data-testid="decision-problem">{{ message }}</p> }
        </section>
      </div>
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    .status { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
    .split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: 24px; align-items: start; }
    @media (max-width: 900px) { .split { grid-template-columns: 1fr; } }
    .pages { display: flex; flex-direction: column; gap: 12px; }
    .pages img { width: 100%; border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; background: #fff; }
    .title { margin: 16px 0 8px; font: var(--mat-sys-title-large); }
    .facts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; margin: 0; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .hint { color: var(--mat-sys-on-surface-variant); }
    .decide { display: flex; gap: 12px; align-items: center; margin-top: 16px; flex-wrap: wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FaxDetailPageComponent {
  private readonly faxes = inject(FaxesService);
  readonly clinicId = input.required<string>();
  readonly faxId = input.required<string>();

  protected readonly fax = resource({
    params: () => ({ clinicId: this.clinicId(), faxId: this.faxId() }),
    loader: ({ params }) => this.faxes.faxesGet(params),
  });
  protected readonly pages = signal<{ n: number; url: string }[]>([]);
  protected readonly pageProblem = signal<string | null>(null);
  protected readonly pagesLoading = signal(false);
  protected readonly busy = signal(false);
  protected readonly decisionProblem = signal<string | null>(null);
  protected readonly problem = computed(() => (this.fax.error() && !this.fax.hasValue() ? toApiProblem(this.fax.error()).message : null));
  protected readonly inProgress = computed(() => FAX_IN_PROGRESS.includes(this.fax.value()?.status ?? 'pending'));
  protected readonly decidable = computed(() => ['extracted', 'matched', 'needs_review', 'verified', 'failed'].includes(this.fax.value()?.status ?? ''));
  protected chart = '';
  protected reason = '';
  protected readonly percent = percent;
  protected statusLabel = (value: string) => label(FAX_STATUS_LABELS, value);
  protected typeLabel = (value: string | null) => (value ? label(FAX_TYPE_LABELS, value) : 'Fax');
  protected methodLabel = (value: string) => label(FAX_METHOD_LABELS, value);
  protected when = (instant: string) => formatInstant(instant);
  protected readonly phone = showPhone;
  private loadedPagesOf: string | null = null;

  constructor() {
    // ask again while the document is read; stop once its status settles
    effect((onCleanup) => {
      const f = this.fax.value();
      if (!f || !FAX_IN_PROGRESS.includes(f.status)) return;
      const timer = setTimeout(() => this.fax.reload(), POLL_MS);
      onCleanup(() => clearTimeout(timer));
    });
    effect(() => {
      const f = this.fax.value();
      if (f?.pageCount && this.loadedPagesOf !== `${f.id}:${f.pageCount}`) {
        this.loadedPagesOf = `${f.id}:${f.pageCount}`;
        void this.loadPages(f);
      }
    });
  }

  protected async verify(demographicId: string): Promise<void> {
    await this.decide(() => this.faxes.faxesVerify({ clinicId: this.clinicId(), faxId: this.faxId(), body: { demographicId: String(demographicId).trim() } }));
  }

  protected async reject(): Promise<void> {
    await this.decide(() => this.faxes.faxesReject({ clinicId: this.clinicId(), faxId: this.faxId(), body: { reason: this.reason.trim() } }));
  }

  private async decide(action: () => Promise<FaxDocumentDto>): Promise<void> {
    this.busy.set(true);
    this.decisionProblem.set(null);
    try {
      this.fax.set(await action());
      this.chart = '';
      this.reason = '';
    } catch (error) {
      const problem = toApiProblem(error);
      this.decisionProblem.set(Object.values(problem.fieldErrors)[0] ?? problem.message);
    } finally {
      this.busy.set(false);
    }
  }

  private async loadPages(f: FaxDocumentDto): Promise<void> {
    this.pageProblem.set(null);
    this.pagesLoading.set(true);
    const shown = Math.min(f.pageCount ?? 0, 10);
    const loaded: { n: number; url: string }[] = [];
    try {
      for (let n = 1; n <= shown; n++) {
        const blob = await this.faxes.faxesPage({ clinicId: this.clinicId(), faxId: f.id, n });
        // a data: URL, which the console's Content-Security-Policy allows for images (blob: it does not)
        loaded.push({ n, url: await dataUrlOf(blob) });
      }
    } catch (error) {
      this.pageProblem.set(`A page could not be shown: ${toApiProblem(error).message}`);
    }
    this.pages.set(loaded);
    this.pagesLoading.set(false);
  }
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The page image could not be read.'));
    reader.readAsDataURL(blob);
  });
}
