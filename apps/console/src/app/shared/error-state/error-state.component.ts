import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A failed load: the API's message, and a way to try again. Announced to screen readers. */
@Component({
  selector: 'vd-error-state',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <mat-icon class="icon" svgIcon="error" aria-hidden="true" />
    <div class="body">
      <h2 class="heading">{{ heading() }}</h2>
      <p class="message">{{ message() }}</p>
      @if (retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
      }
    </div>
  `,
  host: { role: 'alert' },
  styles: `
    :host { display: flex; gap: 16px; align-items: flex-start; padding: 16px 20px; border-radius: 12px;
            background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .icon { flex: none; width: 28px; height: 28px; }
    .heading { margin: 0; font: var(--mat-sys-title-medium); }
    .message { margin: 4px 0 12px; font: var(--mat-sys-body-medium); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorStateComponent {
  readonly heading = input('This could not be loaded');
  readonly message = input.required<string>();
  readonly retryable = input(true);
  readonly retry = output<void>();
}
