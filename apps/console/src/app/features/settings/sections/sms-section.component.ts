import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, resource } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type ClinicConfigDto, ClinicsService } from '@voicedesk/api-client';
import { fieldError } from '../../../shared/forms/field-errors';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { SMS_TEMPLATE_KEYS, type SmsForm, smsForm, toSmsUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { SMS_KINDS, SMS_LANGUAGES, SMS_PLACEHOLDERS, previewValues, renderSmsPreview, smsSegments, templateKey, unknownPlaceholders } from '../sms-preview';
import { trackUnsavedEdits } from '../unsaved-edits';

/** Confirmation texts in English and Chinese, with a live preview of each as this clinic's patients read it (its name and number). */
@Component({
  selector: 'vd-sms-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, SaveBarComponent],
  templateUrl: './sms-section.component.html',
  styleUrl: './section.scss',
  styles: `
    .template { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; margin-bottom: 8px; }
    .preview { margin: 4px 0 16px; padding: 12px 16px; border-radius: 16px 16px 16px 4px; background: var(--mat-sys-surface-container-high);
               font: var(--mat-sys-body-medium); white-space: pre-wrap; }
    .preview-label { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .kind { margin: 24px 0 8px; font: var(--mat-sys-title-medium); }
    code { font-size: 0.95em; }
    @media (max-width: 800px) { .template { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SmsSectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly kinds = SMS_KINDS;
  protected readonly languages = SMS_LANGUAGES;
  protected readonly placeholders = SMS_PLACEHOLDERS.map((name) => `{${name}}`);
  protected readonly saver = new SectionSaver();
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    smsEnabled: [false],
    smsSenderNumber: [''],
    ...Object.fromEntries(SMS_TEMPLATE_KEYS.map((key) => [key, this.fb.control('')])),
  });
  private readonly source = computed(() => smsForm(this.config().sms), { equal: sameContent });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  private readonly clinicsApi = inject(ClinicsService);
  /** the clinic's name and number, as its texts carry them */
  private readonly clinic = resource({ params: () => this.clinicId(), loader: ({ params }) => this.clinicsApi.clinicsGet({ clinicId: params }) });

  /** The preview of every template, as typed (an empty one reads "built-in message"). */
  protected readonly previews = computed(() => {
    this.value();
    const raw = this.form.getRawValue() as unknown as SmsForm;
    const clinic = this.clinic.value() ?? { name: 'Your clinic', phone: null };
    const result: Record<string, { text: string | null; segments: number; unknown: string[] }> = {};
    for (const { kind } of SMS_KINDS) {
      for (const { language } of SMS_LANGUAGES) {
        const key = templateKey(kind, language);
        const template = raw[key].trim();
        const text = template ? renderSmsPreview(template, previewValues(language, clinic)) : null;
        result[key] = { text, segments: text ? smsSegments(text) : 0, unknown: unknownPlaceholders(template) };
      }
    }
    return result;
  });

  constructor() {
    trackUnsavedEdits('sms', this.form);
    effect(() => {
      this.form.reset(this.source());
      if (this.isAdmin()) this.form.controls.smsSenderNumber.enable();
      else this.form.controls.smsSenderNumber.disable();
    });
  }

  protected key = templateKey;

  protected error(field: string): string {
    return fieldError(this.form.get(field));
  }

  protected async save(): Promise<void> {
    const config = await this.saver.save(this.clinicId(), toSmsUpdate(this.form.getRawValue() as unknown as SmsForm, this.isAdmin()), (field) => this.form.get(field));
    if (config) this.saved.emit(config);
  }
}
