import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Shown where a list or screen has nothing yet: what will appear here, and how it gets there. */
@Component({
  selector: 'vd-empty-state',
  imports: [MatIconModule],
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
    <h2 class="heading">{{ heading() }}</h2>
    <p class="message">{{ message() }}</p>
    <ng-content />
  `,
  styles: `
    :host { display: flex; flex-direction: column; align-items: center; text-align: center; gap: 8px;
            padding: 48px 24px; border: 1px dashed var(--mat-sys-outline-variant); border-radius: 16px;
            background: var(--mat-sys-surface-container-low); }
    .icon { width: 48px; height: 48px; color: var(--mat-sys-primary); }
    .heading { margin: 8px 0 0; font: var(--mat-sys-title-large); color: var(--mat-sys-on-surface); }
    .message { margin: 0; max-width: 56ch; font: var(--mat-sys-body-large); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
  readonly icon = input('inbox');
}
