import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, fieldError, formProblem } from '../../shared/forms/field-errors';

/** The API's password rules in the words of this form (its own messages name the API's fields). */
/**
 * Choosing one's own password: required after an administrator reset it (the one-time password
 * they were given is the current one), and open to anyone signed in.
 */
@Component({
  selector: 'vd-change-password-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <main class="page">
      <mat-card appearance="outlined" class="card">
        <mat-card-content>
          <h1 class="title">Choose your password</h1>
          @if (required()) {
            <p class="lead" data-testid="must-change">An administrator reset your password. Choose your own to continue: the one-time password you were given stops working.</p>
          } @else {
            <p class="lead">Your other sessions end when the password changes.</p>
          }
          @if (problem(); as message) {
            <p class="problem" role="alert">{{ message }}</p>
          }
          <form [formGroup]="form" (ngSubmit)="save()" novalidate>
            <mat-form-field appearance="outline" class="field">
              <mat-label>{{ required() ? 'One-time password' : 'Current password' }}</mat-label>
              <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
              <mat-error>{{ error('currentPassword', { required: 'Enter the password you signed in with.' }) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="field">
              <mat-label>New password</mat-label>
              <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
              <mat-hint>At least 12 characters; a few unrelated words make a good one</mat-hint>
              <mat-error>{{ error('newPassword', { required: 'Choose a new password.', minlength: 'Use at least 12 characters.' }) }}</mat-error>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Save password' }}</button>
          </form>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .page { min-height: 100vh; display: grid; place-items: center; padding: 24px; box-sizing: border-box; background: var(--mat-sys-surface-container-low); }
    .card { width: min(440px, 100%); }
    .title { font: var(--mat-sys-headline-small); margin: 8px 0; }
    .lead { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); margin: 0 0 16px; }
    .field { display: block; margin-bottom: 8px; }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly required = computed(() => this.auth.user()?.mustChangePassword === true);
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(12)]],
  });

  protected error(field: string, messages: Record<string, string>): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword(currentPassword, newPassword);
      await this.router.navigateByUrl('/dashboard');
    } catch (error) {
      const problem = toApiProblem(error);
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field));
      this.problem.set(formProblem(problem, unplaced));
    } finally {
      this.saving.set(false);
    }
  }
}

