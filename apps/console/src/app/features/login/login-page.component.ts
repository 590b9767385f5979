import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, inject, input, signal, viewChild, Injector } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { toApiProblem } from '../../core/api/api-error';
import { safeReturnUrl } from '../../core/auth/auth.guards';
import { AuthService } from '../../core/auth/auth.service';

type Step = 'credentials' | 'mfa';

/**
 * Sign-in: email and password, then a six-digit code when the account uses two-step
 * verification. The API's message is shown above the form and its field errors under the fields.
 */
@Component({
  selector: 'vd-login-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
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
  protected readonly submitting = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly notice = computed(() =>
    this.reason() === 'expired' && !this.problem() ? 'Your session has ended. Please sign in again.' : null,
  );
  private mfaToken: string | null = null;

  protected readonly credentials = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly mfa = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]],
  });

  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');

  protected async signIn(): Promise<void> {
    if (this.submitting()) return;
    if (this.credentials.invalid) {
      this.credentials.markAllAsTouched();
      return;
    }
    const { email, password } = this.credentials.getRawValue();
    await this.attempt(this.credentials.controls, async () => {
      const outcome = await this.auth.login(email.trim(), password);
      if (outcome.kind === 'mfa-required') {
        this.mfaToken = outcome.mfaToken;
        this.mfa.reset();
        this.step.set('mfa');
        this.focusAfterRender(() => this.codeInput());
        return;
      }
      await this.enterConsole();
    });
  }

  protected async verifyCode(): Promise<void> {
    if (this.submitting() || !this.mfaToken) return;
    if (this.mfa.invalid) {
      this.mfa.markAllAsTouched();
      return;
    }
    const mfaToken = this.mfaToken;
    await this.attempt(this.mfa.controls, async () => {
      await this.auth.verifyMfa(mfaToken, this.mfa.getRawValue().code.trim());
      await this.enterConsole();
    });
  }

  protected backToCredentials(): void {
    this.mfaToken = null;
    this.problem.set(null);
    this.credentials.controls.password.reset();
    this.step.set('credentials');
    this.focusAfterRender(() => this.emailInput());
  }

  protected errorOf(control: AbstractControl, messages: Record<string, string>): string {
    const server = control.getError('server') as string | null;
    if (server) return server;
    const key = Object.keys(messages).find((name) => control.hasError(name));
    return key ? messages[key] : '';
  }

  private async attempt(fields: Record<string, AbstractControl>, work: () => Promise<void>): Promise<void> {
    this.submitting.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      const problem = toApiProblem(error);
      for (const [field, message] of Object.entries(problem.fieldErrors)) {
        const control = fields[field];
        control?.setErrors({ ...control.errors, server: message });
        control?.markAsTouched();
      }
      this.problem.set(problem.message);
    } finally {
      this.submitting.set(false);
    }
  }

  private async enterConsole(): Promise<void> {
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
