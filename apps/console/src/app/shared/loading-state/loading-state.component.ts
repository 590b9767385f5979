import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** A load in progress, with words for screen readers (the spinner alone says nothing). */
@Component({
  selector: 'vd-loading-state',
  imports: [MatProgressSpinnerModule],
  template: `
    <mat-progress-spinner mode="indeterminate" diameter="40" aria-hidden="true" />
    <p class="label">{{ label() }}</p>
  `,
  host: { role: 'status', 'aria-live': 'polite' },
  styles: `
    :host { display: flex; flex-direction: column; align-items: center; gap: 12px; padding: 48px 24px; }
    .label { margin: 0; font: var(--mat-sys-body-large); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadingStateComponent {
  readonly label = input('Loading…');
}
