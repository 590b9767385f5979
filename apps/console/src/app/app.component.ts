import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth/auth.service';

@Component({
  selector: 'vd-root',
  imports: [RouterOutlet],
  template: `
    <p class="session-notice" role="status" aria-live="polite" data-testid="session-notice" [hidden]="!notice()">{{ notice() }}</p>
    <router-outlet />
  `,
  styles: `
    .session-notice { margin: 0; padding: 12px 24px; font: var(--mat-sys-body-medium); color: var(--mat-sys-on-secondary-container);
                      background: var(--mat-sys-secondary-container); }
    .session-notice[hidden] { display: none; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  protected readonly notice = inject(AuthService).notice;
}
