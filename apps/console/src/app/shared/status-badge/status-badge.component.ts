import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { statusTone, type BadgeTone } from './status-tone';

/**
 * A status as a badge, one set of colours across the console: `good` (done, live, booked),
 * `attention` (waiting on someone), `bad` (failed, refused), `neutral` (closed, inactive).
 * Give the status (its tone is looked up) or a tone outright.
 */
@Component({
  selector: 'vd-status-badge',
  template: `<span class="badge" [attr.data-tone]="resolved()" [attr.data-status]="status() ?? null"><ng-content /></span>`,
  styles: `
    .badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font: var(--mat-sys-label-medium); white-space: nowrap;
      background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface-variant); }
    .badge[data-tone='good'] { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .badge[data-tone='attention'] { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .badge[data-tone='bad'] { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusBadgeComponent {
  readonly status = input<string | null | undefined>(undefined);
  readonly tone = input<BadgeTone | undefined>(undefined);
  protected readonly resolved = computed(() => this.tone() ?? statusTone(this.status()));
}
