import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface OneTimePasswordData {
  title: string;
  name: string;
  email: string;
  password: string;
}

/**
 * The one-time password of a new user or of a reset, shown this once (there is no mail server to
 * send it): the admin hands it over; the user must choose their own at the first sign-in.
 */
@Component({
  selector: 'vd-one-time-password-dialog',
  imports: [MatDialogModule, MatButtonModule, ClipboardModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>Give this one-time password to <strong>{{ data.name }}</strong> ({{ data.email }}) in person or by phone.
        It is shown only now: VoiceDesk does not keep it and cannot show it again.</p>
      <p class="password" data-testid="one-time-password">{{ data.password }}</p>
      <p class="note">They sign in with it once and then choose their own password.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [cdkCopyToClipboard]="data.password" (cdkCopyToClipboardCopied)="copied.set($event)">{{ copied() ? 'Copied' : 'Copy' }}</button>
      <button mat-flat-button type="button" mat-dialog-close>I have given it to them</button>
    </mat-dialog-actions>
  `,
  styles: `
    .password { font: var(--mat-sys-headline-small); font-family: ui-monospace, monospace; letter-spacing: 0.05em; padding: 12px 16px;
                border-radius: 8px; background: var(--mat-sys-surface-container-high); text-align: center; user-select: all; }
    .note { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimePasswordDialogComponent {
  protected readonly data = inject<OneTimePasswordData>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);
}
