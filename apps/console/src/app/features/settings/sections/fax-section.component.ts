import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ClinicConfigDto } from '@voicedesk/api-client';
import { fieldError } from '../../../shared/forms/field-errors';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { type FaxForm, faxForm, toFaxUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { trackUnsavedEdits } from '../unsaved-edits';

const DAYS = /^\d*$/;
const THRESHOLD = /^(|0?\.[6-9]\d*|1(\.0*)?)$/;

/** The fax inbox: the clinic's fax number and outside AI vendor (platform admin), how long documents stay, when a match needs no review. */
@Component({
  selector: 'vd-fax-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, SaveBarComponent],
  template: `
    <h2 class="title">Fax inbox</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Fax inbox">
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Fax number</mat-label>
          <input matInput type="tel" formControlName="faxNumber" autocomplete="off" placeholder="+16045550188" />
          <mat-hint>{{ isAdmin() ? 'Faxes sent to this number arrive in the inbox' : 'Set by VoiceDesk support' }}</mat-hint>
          <mat-error>{{ error('faxNumber') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Outside reader</mat-label>
          <mat-select formControlName="faxExtractionVendor">
            <mat-option value="">None: read on VoiceDesk's servers only</mat-option>
            <mat-option value="openai">OpenAI</mat-option>
            <mat-option value="anthropic">Anthropic</mat-option>
            <mat-option value="google">Google</mat-option>
          </mat-select>
          <mat-hint>Sends the text of each fax to this company</mat-hint>
        </mat-form-field>
      </div>
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Archive verified faxes after (days)</mat-label>
          <input matInput formControlName="faxArchiveDays" inputmode="numeric" placeholder="30" />
          <mat-hint>Empty: 30 days</mat-hint>
          <mat-error>{{ error('faxArchiveDays', { pattern: 'A whole number of days.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Keep faxes (days)</mat-label>
          <input matInput formControlName="faxRetentionDays" inputmode="numeric" placeholder="365" />
          <mat-hint>Empty: 365 days</mat-hint>
          <mat-error>{{ error('faxRetentionDays', { pattern: 'A whole number of days.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Match without review from (0.6–1)</mat-label>
          <input matInput formControlName="faxAutoMatchThreshold" inputmode="decimal" placeholder="0.9" />
          <mat-hint>Empty: 0.9</mat-hint>
          <mat-error>{{ error('faxAutoMatchThreshold', { pattern: 'A number from 0.6 to 1.' }) }}</mat-error>
        </mat-form-field>
      </div>
      <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" />
    </form>
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FaxSectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly saver = new SectionSaver();
  protected readonly form = inject(NonNullableFormBuilder).group({
    faxNumber: [''],
    faxExtractionVendor: [''],
    faxArchiveDays: ['', Validators.pattern(DAYS)],
    faxRetentionDays: ['', Validators.pattern(DAYS)],
    faxAutoMatchThreshold: ['', Validators.pattern(THRESHOLD)],
  });
  private readonly source = computed(() => faxForm(this.config().fax), { equal: sameContent });

  constructor() {
    trackUnsavedEdits('fax', this.form);
    effect(() => {
      this.form.reset(this.source());
      for (const name of ['faxNumber', 'faxExtractionVendor'] as const) {
        if (this.isAdmin()) this.form.controls[name].enable();
        else this.form.controls[name].disable();
      }
    });
  }

  protected error(field: string, messages: Record<string, string> = {}): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const config = await this.saver.save(this.clinicId(), toFaxUpdate(this.form.getRawValue() as FaxForm, this.isAdmin()), (field) => this.form.get(field));
    if (config) this.saved.emit(config);
  }
}
