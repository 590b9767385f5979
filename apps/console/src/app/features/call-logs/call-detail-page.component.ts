import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CallsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { CALL_INTENT_LABELS, CALL_LANGUAGE_LABELS, CALL_OUTCOME_LABELS, formatDuration, labelOf } from './call-format';
import { formatInstant } from '../../shared/format/dates';
import { maskedPhone } from '../../shared/phone';

/** One call: what happened, the summary, and the transcript while the clinic's retention keeps it. */
@Component({
  selector: 'vd-call-detail-page',
  imports: [RouterLink, MatButtonModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    @if (call.isLoading() && !call.hasValue()) {
      <vd-page-header title="Call" />
      <vd-loading-state label="Loading the call…" />
    } @else if (problem(); as message) {
      <vd-page-header title="Call" />
      <vd-error-state heading="The call could not be loaded" [message]="message" (retry)="call.reload()" />
    } @else if (call.value(); as c) {
      <vd-page-header [title]="'Call of ' + when(c.startedAt ?? c.createdAt)" [subtitle]="'Caller ' + masked(c.callerPhoneMasked, 'unknown')">
        <a mat-button routerLink="..">All calls</a>
      </vd-page-header>
      <dl class="facts">
        <div><dt>Intent</dt><dd>{{ label(intents, c.intent) }}</dd></div>
        <div><dt>Outcome</dt><dd data-testid="call-outcome">{{ label(outcomes, c.outcome) }}</dd></div>
        <div><dt>Language</dt><dd>{{ label(languages, c.language) }}</dd></div>
        <div><dt>Length</dt><dd>{{ duration(c.durationSeconds) }}</dd></div>
        <div><dt>Handed to staff</dt><dd>{{ c.transferredToStaff ? 'Yes' + (c.transferReason ? ': ' + c.transferReason : '') : 'No' }}</dd></div>
        <div><dt>SMS confirmation</dt><dd>{{ c.smsSentAt ? 'Sent ' + when(c.smsSentAt) : c.smsConsent ? 'Agreed' : 'No' }}</dd></div>
        @if (c.appointmentId) {
          <div><dt>OSCAR appointment</dt><dd>{{ c.appointmentId }}</dd></div>
        }
        @if (c.endedReason) {
          <div><dt>Ended</dt><dd>{{ c.endedReason }}</dd></div>
        }
      </dl>
      <h2 class="title">Summary</h2>
      <p class="summary" data-testid="call-summary-text">{{ c.summary ?? 'No summary was recorded for this call.' }}</p>
      <h2 class="title">Transcript</h2>
      @if (c.transcript) {
        <pre class="transcript" data-testid="transcript" tabindex="0">{{ c.transcript }}</pre>
      } @else {
        <p class="hint">No transcript is kept: the clinic’s retention period removed it, or none was recorded.</p>
      }
    }
  `,
  styles: `
    .facts { display: flex; flex-wrap: wrap; gap: 12px 40px; margin: 0 0 24px; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .title { margin: 24px 0 8px; font: var(--mat-sys-title-large); }
    .summary { margin: 0; max-width: 80ch; font: var(--mat-sys-body-large); }
    .transcript { white-space: pre-wrap; font: var(--mat-sys-body-medium); padding: 16px; border-radius: 12px; max-height: 60vh; overflow: auto;
                  background: var(--mat-sys-surface-container-low); border: 1px solid var(--mat-sys-outline-variant); }
    .hint { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallDetailPageComponent {
  private readonly calls = inject(CallsService);
  readonly clinicId = input.required<string>();
  readonly callId = input.required<string>();

  protected readonly call = resource({
    params: () => ({ clinicId: this.clinicId(), id: this.callId() }),
    loader: ({ params }) => this.calls.callLogsGet(params),
  });
  protected readonly problem = computed(() => (this.call.error() ? toApiProblem(this.call.error()).message : null));
  protected readonly outcomes = CALL_OUTCOME_LABELS;
  protected readonly intents = CALL_INTENT_LABELS;
  protected readonly languages = CALL_LANGUAGE_LABELS;
  protected label = (labels: Readonly<Record<string, string>>, value: string | null) => labelOf(labels, value);
  protected duration = formatDuration;
  protected when = (instant: string) => formatInstant(instant);
  protected readonly masked = maskedPhone;
}
