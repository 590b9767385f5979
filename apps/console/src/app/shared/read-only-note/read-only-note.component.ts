import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Says why a section or field cannot be changed here (a clinic manager's view of admin settings). */
@Component({
  selector: 'vd-read-only-note',
  imports: [MatIconModule],
  template: `<mat-icon svgIcon="lock" aria-hidden="true" /><span>{{ message() }}</span>`,
  styles: `
    :host { display: flex; align-items: center; gap: 8px; margin: 0 0 16px; padding: 10px 14px; border-radius: 8px;
            background: var(--mat-sys-surface-container); color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-medium); }
    mat-icon { flex: none; width: 20px; height: 20px; }
  `,
  host: { 'data-testid': 'read-only-note' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReadOnlyNoteComponent {
  readonly message = input('Only a VoiceDesk administrator can change this section.');
}
