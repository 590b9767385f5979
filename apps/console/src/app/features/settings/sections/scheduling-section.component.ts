import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { ClinicConfigDto, ProviderFallbackBehavior } from '@voicedesk/api-client';
import { fieldError } from '../../../shared/forms/field-errors';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { type SchedulingForm, schedulingForm, toSchedulingUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { trackUnsavedEdits } from '../unsaved-edits';

const FALLBACKS: ReadonlyArray<{ value: ProviderFallbackBehavior; label: string }> = [
  { value: 'best_available', label: 'Offer the earliest other provider' },
  { value: 'same_specialty', label: 'Offer another provider of the same specialty' },
  { value: 'ask_patient', label: 'Ask the caller what they prefer' },
  { value: 'waitlist_only', label: 'Offer the waitlist only' },
];

const NUMBER = { required: 'Enter a number.', min: 'Too small.', max: 'Too large.' };

/** Scheduling rules: appointment length, buffer, booking window and notice, how the receptionist books, and new patients. */
@Component({
  selector: 'vd-scheduling-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, SaveBarComponent],
  template: `
    <h2 class="title">Scheduling rules</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Scheduling rules">
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Appointment length (minutes)</mat-label>
          <input matInput type="number" formControlName="appointmentDuration" min="5" />
          <mat-error>{{ error('appointmentDuration') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Buffer between appointments (minutes)</mat-label>
          <input matInput type="number" formControlName="bufferTime" min="0" />
          <mat-error>{{ error('bufferTime') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Book up to (days ahead)</mat-label>
          <input matInput type="number" formControlName="maxAdvanceBookingDays" min="1" />
          <mat-error>{{ error('maxAdvanceBookingDays') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Minimum notice to book (hours)</mat-label>
          <input matInput type="number" formControlName="minAdvanceBookingHours" min="0" />
          <mat-error>{{ error('minAdvanceBookingHours') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Hold an offered time for the caller (minutes)</mat-label>
          <input matInput type="number" formControlName="offerHoldMinutes" min="1" max="15" />
          <mat-hint>Nobody else is offered it meanwhile</mat-hint>
          <mat-error>{{ error('offerHoldMinutes') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Minimum notice to cancel or move (hours)</mat-label>
          <input matInput type="number" formControlName="cancellationMinNoticeHours" min="0" />
          <mat-error>{{ error('cancellationMinNoticeHours') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Appointments per patient per day</mat-label>
          <input matInput type="number" formControlName="maxApptsPerPatientPerDay" min="1" />
          <mat-error>{{ error('maxApptsPerPatientPerDay') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>When the asked provider has no time</mat-label>
          <mat-select formControlName="providerFallbackBehavior">
            @for (f of fallbacks; track f.value) {
              <mat-option [value]="f.value">{{ f.label }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ error('providerFallbackBehavior') }}</mat-error>
        </mat-form-field>
      </div>
      <div class="fieldset">
        <mat-slide-toggle formControlName="allowSameDayBooking">Book appointments for today</mat-slide-toggle>
        <mat-slide-toggle formControlName="allowWeekendBooking">Book appointments on weekends</mat-slide-toggle>
        <mat-slide-toggle formControlName="requireDOBVerification">Check the caller’s date of birth</mat-slide-toggle>
        <mat-slide-toggle formControlName="askReasonBeforeSearch">Ask the reason for the visit first</mat-slide-toggle>
      </div>
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Other providers offered</mat-label>
          <input matInput type="number" formControlName="maxFallbackProviders" min="0" />
          <mat-error>{{ error('maxFallbackProviders') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Days searched for other providers</mat-label>
          <input matInput type="number" formControlName="fallbackSearchWindowDays" min="1" />
          <mat-error>{{ error('fallbackSearchWindowDays') }}</mat-error>
        </mat-form-field>
      </div>
      <h3 class="subtitle">New patients</h3>
      <div class="fieldset">
        <mat-slide-toggle formControlName="acceptingNewPatients">The clinic accepts new patients</mat-slide-toggle>
        <mat-slide-toggle formControlName="waitlistEnabled">Offer the waitlist</mat-slide-toggle>
        <mat-slide-toggle formControlName="newPatientRequiresLongerSlot">A first visit needs a longer slot</mat-slide-toggle>
      </div>
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>First visit at least (minutes)</mat-label>
          <input matInput type="number" formControlName="newPatientMinDuration" min="5" />
          <mat-error>{{ error('newPatientMinDuration') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>New patients per week</mat-label>
          <input matInput type="number" formControlName="maxNewPatientsPerWeek" min="0" />
          <mat-hint>Empty: no limit</mat-hint>
          <mat-error>{{ error('maxNewPatientsPerWeek') }}</mat-error>
        </mat-form-field>
      </div>
      <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" />
    </form>
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchedulingSectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly saved = output<ClinicConfigDto>();

  protected readonly fallbacks = FALLBACKS;
  protected readonly saver = new SectionSaver();
  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.group({
    appointmentDuration: this.fb.control<number | null>(null, [Validators.required, Validators.min(1)]),
    bufferTime: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    maxAdvanceBookingDays: this.fb.control<number | null>(null, [Validators.required, Validators.min(1)]),
    minAdvanceBookingHours: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    offerHoldMinutes: this.fb.control<number | null>(null, [Validators.required, Validators.min(1), Validators.max(15)]),
    cancellationMinNoticeHours: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    maxApptsPerPatientPerDay: this.fb.control<number | null>(null, [Validators.required, Validators.min(1)]),
    providerFallbackBehavior: this.fb.nonNullable.control<ProviderFallbackBehavior>('best_available'),
    allowSameDayBooking: this.fb.nonNullable.control(false),
    allowWeekendBooking: this.fb.nonNullable.control(false),
    requireDOBVerification: this.fb.nonNullable.control(true),
    askReasonBeforeSearch: this.fb.nonNullable.control(false),
    maxFallbackProviders: this.fb.control<number | null>(null, [Validators.required, Validators.min(0)]),
    fallbackSearchWindowDays: this.fb.control<number | null>(null, [Validators.required, Validators.min(1)]),
    acceptingNewPatients: this.fb.nonNullable.control(true),
    waitlistEnabled: this.fb.nonNullable.control(false),
    newPatientRequiresLongerSlot: this.fb.nonNullable.control(false),
    newPatientMinDuration: this.fb.control<number | null>(null, [Validators.required, Validators.min(1)]),
    maxNewPatientsPerWeek: this.fb.control<number | null>(null, [Validators.min(0)]),
  });
  private readonly source = computed(
    () => schedulingForm(this.config().scheduling, this.config().voiceBooking, this.config().registration),
    { equal: sameContent },
  );

  constructor() {
    trackUnsavedEdits('scheduling', this.form);
    effect(() => this.form.reset(this.source()));
  }

  protected error(field: string): string {
    return fieldError(this.form.get(field), NUMBER);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const config = await this.saver.save(this.clinicId(), toSchedulingUpdate(this.form.getRawValue() as SchedulingForm), (field) => this.form.get(field));
    if (config) this.saved.emit(config);
  }
}
