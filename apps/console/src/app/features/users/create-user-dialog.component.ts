import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type ClinicDto, type UserRole, UsersService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { ROLE_LABELS } from '../../core/shell/navigation';
import { applyFieldErrors, fieldError, formProblem } from '../../shared/forms/field-errors';

export interface CreateUserData {
  clinics: ClinicDto[];
}

/** A new console user with a role (and a clinic for a manager); the API generates the one-time password. */
@Component({
  selector: 'vd-create-user-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>New user</h2>
    <form [formGroup]="form" (ngSubmit)="create()" novalidate>
      <mat-dialog-content>
        <p class="lead">VoiceDesk makes a one-time password for them and shows it to you once.</p>
        @if (problem(); as message) {
          <p class="problem" role="alert" data-testid="create-user-error">{{ message }}</p>
        }
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>First name</mat-label>
            <input matInput formControlName="firstName" required autocomplete="off" />
            <mat-error>{{ error('firstName', { required: 'Enter the first name.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Last name</mat-label>
            <input matInput formControlName="lastName" required autocomplete="off" />
            <mat-error>{{ error('lastName', { required: 'Enter the last name.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" required autocomplete="off" spellcheck="false" />
            <mat-hint>They sign in with it</mat-hint>
            <mat-error>{{ error('email', { required: 'Enter their email address.', email: 'Enter an email address such as amy.chen@clinic.example.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Role</mat-label>
            <mat-select formControlName="role" required>
              @for (r of roles; track r[0]) {
                <mat-option [value]="r[0]">{{ r[1] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ error('role') }}</mat-error>
          </mat-form-field>
          @if (form.controls.role.value === 'clinic_manager') {
            <mat-form-field appearance="outline">
              <mat-label>Clinic</mat-label>
              <mat-select formControlName="clinicId" required>
                @for (c of data.clinics; track c.id) {
                  <mat-option [value]="c.id">{{ c.name }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ error('clinicId', { required: 'Choose the clinic this manager works at.' }) }}</mat-error>
            </mat-form-field>
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Creating…' : 'Create user' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .lead { margin: 0 0 16px; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; align-items: start; }
    .wide { grid-column: 1 / -1; }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    @media (max-width: 600px) { .grid { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateUserDialogComponent {
  private readonly users = inject(UsersService);
  private readonly ref = inject(MatDialogRef<CreateUserDialogComponent>);
  protected readonly data = inject<CreateUserData>(MAT_DIALOG_DATA);

  protected readonly roles = Object.entries(ROLE_LABELS) as Array<[UserRole, string]>;
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', Validators.required],
    lastName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    role: ['clinic_manager' as UserRole, Validators.required],
    clinicId: ['', Validators.required],
  });

  constructor() {
    // an admin has no clinic: the clinic is asked only for a manager
    this.form.controls.role.valueChanges.subscribe((role) => {
      const clinic = this.form.controls.clinicId;
      if (role === 'clinic_manager') clinic.enable();
      else clinic.disable();
    });
  }

  protected error(field: string, messages: Record<string, string> = {}): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async create(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    const { firstName, lastName, email, role, clinicId } = this.form.getRawValue();
    try {
      const body = { firstName: firstName.trim(), lastName: lastName.trim(), email: email.trim(), role, clinicId: role === 'clinic_manager' ? clinicId : null };
      this.ref.close(await this.users.usersCreate({ body }));
    } catch (error) {
      const problem = toApiProblem(error);
      // the API's messages, as they are, beside their fields (a taken email too: a 409 naming `email`)
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field));
      this.problem.set(formProblem(problem, unplaced));
    } finally {
      this.saving.set(false);
    }
  }
}
