import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ClinicsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CALENDAR_DATE_MESSAGE, calendarDate } from '../../shared/forms/calendar-date';
import { applyFieldErrors, fieldError, formProblem } from '../../shared/forms/field-errors';
import { toCreateWaitlistEntry } from './waitlist-format';

/** Adds a new patient to the clinic's waitlist; the API's messages appear beside their fields (`details.x` too). */
@Component({
  selector: 'vd-add-waitlist-entry-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>Add to the waitlist</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (problem(); as message) {
          <p class="problem" role="alert" data-testid="waitlist-error">{{ message }}</p>
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
          <mat-form-field appearance="outline">
            <mat-label>Phone</mat-label>
            <input matInput type="tel" formControlName="phone" required autocomplete="off" />
            <mat-hint>e.g. 604 555 0101</mat-hint>
            <mat-error>{{ error('phone', { required: 'Enter a phone number to reach them.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Email (optional)</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="off" />
            <mat-error>{{ error('email') }}</mat-error>
          </mat-form-field>
          <ng-container formGroupName="details">
            <mat-form-field appearance="outline">
              <mat-label>Date of birth</mat-label>
              <input matInput formControlName="dateOfBirth" autocomplete="off" inputmode="numeric" placeholder="YYYY-MM-DD" />
              <mat-hint>YYYY-MM-DD, e.g. 1985-04-12</mat-hint>
              <mat-error>{{ error('details.dateOfBirth', { calendarDate: calendarDateMessage }) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Preferred language</mat-label>
              <mat-select formControlName="language">
                <mat-option value="">—</mat-option>
                <mat-option value="en">English</mat-option>
                <mat-option value="zh">Chinese</mat-option>
              </mat-select>
              <mat-error>{{ error('details.language') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Health card province</mat-label>
              <input matInput formControlName="healthCardType" autocomplete="off" />
              <mat-hint>e.g. BC</mat-hint>
              <mat-error>{{ error('details.healthCardType') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Health card number</mat-label>
              <input matInput formControlName="healthCardNumber" autocomplete="off" />
              <mat-error>{{ error('details.healthCardNumber') }}</mat-error>
            </mat-form-field>
          </ng-container>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Notes (optional)</mat-label>
            <textarea matInput formControlName="notes" rows="2"></textarea>
            <mat-error>{{ error('notes') }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Adding…' : 'Add to waitlist' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; align-items: start; }
    .wide { grid-column: 1 / -1; }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    @media (max-width: 600px) { .grid { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddWaitlistEntryDialogComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly ref = inject(MatDialogRef<AddWaitlistEntryDialogComponent>);
  private readonly clinicId: string = inject(MAT_DIALOG_DATA).clinicId;

  protected readonly saving = signal(false);
  protected readonly calendarDateMessage = CALENDAR_DATE_MESSAGE;
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', Validators.required],
    lastName: ['', Validators.required],
    phone: ['', Validators.required],
    email: [''],
    notes: [''],
    details: inject(NonNullableFormBuilder).group({ dateOfBirth: ['', calendarDate], healthCardType: [''], healthCardNumber: [''], language: [''] }),
  });

  protected error(field: string, messages: Record<string, string> = {}): string {
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
      this.ref.close(await this.clinics.waitlistCreate({ clinicId: this.clinicId, body: toCreateWaitlistEntry(this.form.getRawValue()) }));
    } catch (error) {
      const problem = toApiProblem(error);
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field));
      this.problem.set(formProblem(problem, unplaced));
    } finally {
      this.saving.set(false);
    }
  }
}
