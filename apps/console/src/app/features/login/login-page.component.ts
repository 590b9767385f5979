import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { MfaEnrolmentDto } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, formProblem } from '../../shared/forms/field-errors';
import { safeReturnUrl } from '../../core/auth/auth.guards';
import { AuthService } from '../../core/auth/auth.service';

/**
 * credentials → (mfa | enrol → backup-codes) → the console.
 * `enrol` happens when the platform requires MFA for admins and this admin has none yet.
 */
type Step = 'credentials' | 'mfa' | 'enrol' | 'backup-codes';

/** What the API accepts at the MFA step: an authenticator code or a backup code (xxxxx-xxxxx). */
const MFA_CODE = /^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/;
const TOTP_CODE = /^\d{6}$/;

const HEADINGS: Record<Step, { title: string; lead: string }> = {
  credentials: { title: 'Sign in', lead: 'For clinic staff and VoiceDesk administrators.' },
  mfa: { title: 'Two-step verification', lead: 'Enter the 6-digit code from your authenticator app.' },
  enrol: {
    title: 'Set up two-step verification',
    lead: 'VoiceDesk requires two-step verification for administrators. Add this account to your authenticator app, then enter the code it shows.',
  },
  'backup-codes': {
    title: 'Save your backup codes',
    lead: 'If you lose your phone, each of these codes signs you in once. Keep them somewhere safe: they are shown only now.',
  },
};

/**
 * Sign-in. The API's message is shown above the form and its field errors under the fields; each
 * step puts the focus on its first field.
 */
@Component({
  selector: 'vd-login-page',
  imports: [ReactiveFormsModule, ClipboardModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  /** query parameters, bound by the router */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly step = signal<Step>('credentials');
  protected readonly heading = computed(() => HEADINGS[this.step()]);
  protected readonly submitting = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly notice = computed(() =>
    this.reason() === 'expired' && !this.problem() && this.step() === 'credentials' ? 'Your session has ended. Please sign in again.' : null,
  );
  protected readonly enrolment = signal<MfaEnrolmentDto | null>(null);
  protected readonly backupCodes = signal<string[]>([]);
  private mfaToken: string | null = null;

  protected readonly credentials = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly mfa = this.fb.group({ code: ['', [Validators.required, Validators.pattern(MFA_CODE)]] });
  protected readonly activation = this.fb.group({ code: ['', [Validators.required, Validators.pattern(TOTP_CODE)]] });

  private readonly firstField = viewChild('firstField', { read: ElementRef<HTMLElement> });

  protected async signIn(): Promise<void> {
    if (!this.ready(this.credentials)) return;
    const { email, password } = this.credentials.getRawValue();
    await this.attempt(this.credentials.controls, async () => {
      const outcome = await this.auth.login(email.trim(), password);
      if (outcome.kind === 'signed-in') {
        return this.enterConsole();
      }
      this.mfaToken = outcome.mfaToken;
      if (outcome.kind === 'mfa-required') {
        this.mfa.reset();
        this.goTo('mfa');
        return;
      }
      this.enrolment.set(await this.auth.startMfaEnrolment(outcome.mfaToken));
      this.activation.reset();
      this.goTo('enrol');
    });
  }

  protected async verifyCode(): Promise<void> {
    const mfaToken = this.mfaToken;
    if (!mfaToken || !this.ready(this.mfa)) return;
    await this.attempt(this.mfa.controls, async () => {
      await this.auth.verifyMfa(mfaToken, this.mfa.getRawValue().code.trim());
      await this.enterConsole();
    });
  }

  protected async activate(): Promise<void> {
    const mfaToken = this.mfaToken;
    if (!mfaToken || !this.ready(this.activation)) return;
    await this.attempt(this.activation.controls, async () => {
      this.backupCodes.set(await this.auth.activateMfa(mfaToken, this.activation.getRawValue().code.trim()));
      this.mfaToken = null;
      this.enrolment.set(null);
      this.goTo('backup-codes');
    });
  }

  protected backToCredentials(): void {
    this.mfaToken = null;
    this.enrolment.set(null);
    this.problem.set(null);
    this.credentials.controls.password.reset();
    this.goTo('credentials');
  }

  protected async enterConsole(): Promise<void> {
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  protected errorOf(control: AbstractControl, messages: Record<string, string>): string {
    const server = control.getError('server') as string | null;
    if (server) return server;
    const key = Object.keys(messages).find((name) => control.hasError(name));
    return key ? messages[key] : '';
  }

  /** the secret in groups of four, easier to type into an authenticator */
  protected grouped(secret: string): string {
    return secret.replace(/(.{4})(?=.)/g, '$1 ');
  }

  private ready(form: { invalid: boolean; markAllAsTouched(): void }): boolean {
    if (this.submitting()) return false;
    if (form.invalid) {
      form.markAllAsTouched();
      return false;
    }
    return true;
  }

  private async attempt(fields: Record<string, AbstractControl>, work: () => Promise<void>): Promise<void> {
    this.submitting.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      const problem = toApiProblem(error);
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => fields[field]);
      this.problem.set(formProblem(problem, unplaced));
    } finally {
      this.submitting.set(false);
    }
  }

  private goTo(step: Step): void {
    this.step.set(step);
    afterNextRender(() => this.firstField()?.nativeElement.focus(), { injector: this.injector });
  }
}
