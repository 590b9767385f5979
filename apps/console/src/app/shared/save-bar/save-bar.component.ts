import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * The foot of an editable section: its Save button, what happened to the last save (announced),
 * and the API's message when it was refused. Place inside the section's `<form>`.
 */
@Component({
  selector: 'vd-save-bar',
  imports: [MatButtonModule],
  template: `
    @if (problem(); as message) {
      <p class="problem" role="alert" data-testid="save-problem">{{ message }}</p>
    }
    <div class="row">
      <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : label() }}</button>
      <span class="status" role="status" aria-live="polite">{{ status() }}</span>
    </div>
  `,
  styles: `
    :host { display: block; margin-top: 8px; }
    .row { display: flex; align-items: center; gap: 16px; }
    .status { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .problem { margin: 0 0 12px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container);
               color: var(--mat-sys-on-error-container); font: var(--mat-sys-body-medium); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SaveBarComponent {
  readonly saving = input(false);
  readonly status = input('');
  readonly problem = input<string | null>(null);
  readonly label = input('Save');
}
