import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type ClinicStatus, ClinicsService, type Province } from '@voicedesk/api-client';
import { CurrentClinic } from '../../../core/clinic/current-clinic.service';
import { toApiProblem } from '../../../core/http/api-error';
import { clinicStatusChoices } from '../../../shared/clinic-status';
import { ErrorStateComponent } from '../../../shared/error-state/error-state.component';
import { applyFieldErrors, fieldError, formProblem } from '../../../shared/forms/field-errors';
import { LoadingStateComponent } from '../../../shared/loading-state/loading-state.component';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { CANADIAN_TIME_ZONES, PROVINCES, clinicFormValue, toUpdateClinic } from '../../clinics/clinic-form';
import { trackUnsavedEdits } from '../unsaved-edits';

const ADMIN_ONLY = ['slug', 'vapiPhone', 'status'] as const;

/**
 * The clinic itself: name, contact, address and time zone (its manager may change them); slug,
 * receptionist number and status are the platform admin's.
 */
@Component({
  selector: 'vd-clinic-details-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, SaveBarComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    <h2 class="title">Clinic</h2>
    @if (clinic.isLoading() && !clinic.hasValue()) {
      <vd-loading-state label="Loading the clinic…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The clinic could not be loaded" [message]="message" (retry)="clinic.reload()" />
    } @else {
      <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Clinic">
        <div class="grid">
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Clinic name</mat-label>
            <input matInput formControlName="name" required />
            <mat-error>{{ error('name', { required: 'Enter the clinic’s name.' }) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Main phone</mat-label>
            <input matInput type="tel" formControlName="phone" />
            <mat-error>{{ error('phone') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Time zone</mat-label>
            <mat-select formControlName="timezone">
              @for (z of zones(); track z.zone) {
                <mat-option [value]="z.zone">{{ z.label }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ error('timezone') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Street address</mat-label>
            <input matInput formControlName="address" />
            <mat-error>{{ error('address') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>City</mat-label>
            <input matInput formControlName="city" />
            <mat-error>{{ error('city') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Province</mat-label>
            <mat-select formControlName="province">
              @for (p of provinces; track p) {
                <mat-option [value]="p">{{ p }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ error('province') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Postal code</mat-label>
            <input matInput formControlName="postalCode" />
            <mat-error>{{ error('postalCode') }}</mat-error>
          </mat-form-field>
        </div>
        <h3 class="subtitle">Set by VoiceDesk</h3>
        @if (!isAdmin()) {
          <p class="hint">The slug, the receptionist’s number and the status are set by a VoiceDesk administrator.</p>
        }
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>Slug</mat-label>
            <input matInput formControlName="slug" spellcheck="false" />
            <mat-error>{{ error('slug') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Receptionist number (Vapi)</mat-label>
            <input matInput type="tel" formControlName="vapiPhone" />
            <mat-error>{{ error('vapiPhone') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Status</mat-label>
            <mat-select formControlName="status">
              @for (s of statuses(); track s[0]) {
                <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
              }
            </mat-select>
            @if (isAdmin() && isPending()) {
              <mat-hint>Goes live through onboarding: activate it there once every step and the test call have passed.</mat-hint>
            }
            <mat-error>{{ error('status') }}</mat-error>
          </mat-form-field>
        </div>
        <vd-save-bar [saving]="saving()" [status]="status()" [problem]="saveProblem()" />
      </form>
    }
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicDetailsSectionComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly currentClinic = inject(CurrentClinic);
  readonly clinicId = input.required<string>();
  readonly isAdmin = input(false);

  protected readonly provinces = PROVINCES;
  protected readonly clinic = resource({ params: () => ({ clinicId: this.clinicId() }), loader: ({ params }) => this.clinics.clinicsGet(params) });
  /** only the moves the API allows: a live clinic between active and inactive; a pending one stays (activation goes live) */
  protected readonly statuses = computed(() => clinicStatusChoices(this.clinic.value()?.status ?? 'pending'));
  protected readonly isPending = computed(() => this.clinic.value()?.status === 'pending');
  protected readonly problem = computed(() => (this.clinic.error() ? toApiProblem(this.clinic.error()).message : null));
  /** Canada's zones, and the clinic's own when it is another one */
  protected readonly zones = computed(() => {
    const zone = this.clinic.value()?.timezone;
    return zone && !CANADIAN_TIME_ZONES.some((z) => z.zone === zone) ? [...CANADIAN_TIME_ZONES, { zone, label: zone }] : CANADIAN_TIME_ZONES;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    slug: [''],
    timezone: [''],
    province: ['' as Province | ''],
    phone: [''],
    vapiPhone: [''],
    address: [''],
    city: [''],
    postalCode: [''],
    status: ['pending' as ClinicStatus],
  });
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly saveProblem = signal<string | null>(null);

  constructor() {
    trackUnsavedEdits('clinic', this.form);
    effect(() => {
      const clinic = this.clinic.value();
      if (clinic) this.form.reset(clinicFormValue(clinic));
      for (const field of ADMIN_ONLY) {
        if (this.isAdmin()) this.form.controls[field].enable();
        else this.form.controls[field].disable();
      }
      // nothing to choose while pending: the status changes through activation only
      if (clinic?.status === 'pending') this.form.controls.status.disable();
    });
  }

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
    this.status.set('');
    this.saveProblem.set(null);
    try {
      this.clinic.set(await this.clinics.clinicsUpdate({ clinicId: this.clinicId(), body: toUpdateClinic(this.form.getRawValue(), this.isAdmin()) }));
      this.currentClinic.changed();
      this.status.set('Saved');
    } catch (error) {
      const problem = toApiProblem(error);
      this.saveProblem.set(formProblem(problem, applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field))));
    } finally {
      this.saving.set(false);
    }
  }
}
