import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ClinicConfigDto } from '@voicedesk/api-client';
import { fieldError } from '../../../shared/forms/field-errors';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { privacyForm, toPrivacyUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { trackUnsavedEdits } from '../unsaved-edits';

const DAYS = /^\d*$/;

/** The clinic's privacy officer and how long call records are kept (blank: VoiceDesk's defaults). */
@Component({
  selector: 'vd-privacy-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, SaveBarComponent],
  template: `
    <h2 class="title">Privacy officer and retention</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Privacy officer and retention">
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Privacy officer</mat-label>
          <input matInput formControlName="privacyOfficerName" autocomplete="off" />
          <mat-error>{{ error('privacyOfficerName') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Privacy officer’s email</mat-label>
          <input matInput type="email" formControlName="privacyOfficerEmail" autocomplete="off" />
          <mat-error>{{ error('privacyOfficerEmail', { email: 'Enter a valid email address.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Privacy officer’s phone</mat-label>
          <input matInput type="tel" formControlName="privacyOfficerPhone" autocomplete="off" />
          <mat-error>{{ error('privacyOfficerPhone') }}</mat-error>
        </mat-form-field>
      </div>
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Keep transcripts (days)</mat-label>
          <input matInput formControlName="transcriptRetentionDays" inputmode="numeric" placeholder="90" />
          <mat-hint>Empty: 90 days</mat-hint>
          <mat-error>{{ error('transcriptRetentionDays', { pattern: 'A whole number of days.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Keep call logs (days)</mat-label>
          <input matInput formControlName="callLogRetentionDays" inputmode="numeric" placeholder="365" />
          <mat-hint>Empty: 365 days</mat-hint>
          <mat-error>{{ error('callLogRetentionDays', { pattern: 'A whole number of days.' }) }}</mat-error>
        </mat-form-field>
      </div>
      <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" />
    </form>
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PrivacySectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly saved = output<ClinicConfigDto>();

  protected readonly saver = new SectionSaver();
  protected readonly form = inject(NonNullableFormBuilder).group({
    privacyOfficerName: [''],
    privacyOfficerEmail: ['', Validators.email],
    privacyOfficerPhone: [''],
    transcriptRetentionDays: ['', Validators.pattern(DAYS)],
    callLogRetentionDays: ['', Validators.pattern(DAYS)],
  });
  private readonly source = computed(() => privacyForm(this.config().privacyOfficer, this.config().retention), { equal: sameContent });

  constructor() {
    trackUnsavedEdits('privacy', this.form);
    effect(() => this.form.reset(this.source()));
  }

  protected error(field: string, messages: Record<string, string> = {}): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const config = await this.saver.save(this.clinicId(), toPrivacyUpdate(this.form.getRawValue()), (field) => this.form.get(field));
    if (config) this.saved.emit(config);
  }
}
