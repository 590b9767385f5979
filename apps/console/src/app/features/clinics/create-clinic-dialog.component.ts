import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ClinicsService, type Province } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, fieldError } from '../../shared/forms/field-errors';
import { CANADIAN_TIME_ZONES, PROVINCES, toCreateClinic } from './clinic-form';

/** Provisions a clinic; the API's messages (a taken slug or receptionist number too) appear beside their fields. */
@Component({
  selector: 'vd-create-clinic-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>New clinic</h2>
    <form [formGroup]="form" (ngSubmit)="create()" novalidate>
      <mat-dialog-content>
        <p class="lead">The clinic starts <strong>pending</strong> until its onboarding is complete.</p>
        @if (problem(); as message) {
          <p class="problem" role="alert" data-testid="create-clinic-error">{{ message }}</p>
        }
        <div class="grid">
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Clinic name</mat-label>
            <input matInput formControlName="name" required autocomplete="off" />
            <mat-error>{{ error('name', { required: 'Enter the clinic’s name.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Slug (optional)</mat-label>
            <input matInput formControlName="slug" autocomplete="off" spellcheck="false" />
            <mat-hint>Made from the name when left empty</mat-hint>
            <mat-error>{{ error('slug') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Time zone</mat-label>
            <mat-select formControlName="timezone" required>
              @for (z of zones; track z.zone) {
                <mat-option [value]="z.zone">{{ z.label }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ error('timezone', { required: 'Choose the clinic’s time zone.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Main phone</mat-label>
            <input matInput type="tel" formControlName="phone" autocomplete="off" />
            <mat-hint>e.g. +1 604 555 0199</mat-hint>
            <mat-error>{{ error('phone') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Receptionist number (Vapi)</mat-label>
            <input matInput type="tel" formControlName="vapiPhone" autocomplete="off" />
            <mat-hint>Can be assigned later</mat-hint>
            <mat-error>{{ error('vapiPhone') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Street address</mat-label>
            <input matInput formControlName="address" autocomplete="off" />
            <mat-error>{{ error('address') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>City</mat-label>
            <input matInput formControlName="city" autocomplete="off" />
            <mat-error>{{ error('city') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Province</mat-label>
            <mat-select formControlName="province">
              <mat-option value="">—</mat-option>
              @for (p of provinces; track p) {
                <mat-option [value]="p">{{ p }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ error('province') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Postal code</mat-label>
            <input matInput formControlName="postalCode" autocomplete="off" />
            <mat-error>{{ error('postalCode') }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Creating…' : 'Create clinic' }}</button>
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
export class CreateClinicDialogComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly ref = inject(MatDialogRef<CreateClinicDialogComponent>);

  protected readonly zones = CANADIAN_TIME_ZONES;
  protected readonly provinces = PROVINCES;
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    slug: [''],
    timezone: ['America/Vancouver', Validators.required],
    phone: [''],
    vapiPhone: [''],
    address: [''],
    city: [''],
    province: ['BC' as Province | ''],
    postalCode: [''],
  });

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
    try {
      this.ref.close(await this.clinics.clinicsCreate({ body: toCreateClinic(this.form.getRawValue()) }));
    } catch (error) {
      const problem = toApiProblem(error);
      applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field));
      this.problem.set(problem.message);
    } finally {
      this.saving.set(false);
    }
  }
}
