import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { ClinicConfigDto, Language } from '@voicedesk/api-client';
import { fieldError } from '../../../shared/forms/field-errors';
import { ReadOnlyNoteComponent } from '../../../shared/read-only-note/read-only-note.component';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { toVoiceUpdate, voiceForm } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { trackUnsavedEdits } from '../unsaved-edits';

const ADMIN_ONLY = ['vapiAssistantId', 'vapiPhoneNumberId', 'vapiSquadId'] as const;

/** The voice agent: on or off, languages, greeting and transfer number; the Vapi ids are the platform admin's. */
@Component({
  selector: 'vd-voice-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatCheckboxModule, SaveBarComponent, ReadOnlyNoteComponent],
  template: `
    <h2 class="title">Voice</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Voice">
      <mat-slide-toggle formControlName="voiceAgentEnabled" class="toggle">The receptionist answers calls</mat-slide-toggle>
      <fieldset class="fieldset">
        <legend>Languages the receptionist speaks</legend>
        <mat-checkbox formControlName="supportsEnglish">English</mat-checkbox>
        <mat-checkbox formControlName="supportsChinese">Chinese</mat-checkbox>
      </fieldset>
      @if (error('supportedLanguages'); as message) {
        <p class="bad" role="alert">{{ message }}</p>
      }
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Default language</mat-label>
          <mat-select formControlName="defaultLanguage">
            @for (l of languages; track l.value) {
              <mat-option [value]="l.value">{{ l.label }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ error('defaultLanguage') }}</mat-error>
        </mat-form-field>
      </div>
      <h3 class="subtitle">Greeting and hand-over</h3>
      <div class="grid">
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Greeting (English)</mat-label>
          <textarea matInput formControlName="customGreeting" rows="2" placeholder="Empty: the built-in greeting"></textarea>
          <mat-error>{{ error('customGreeting') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Greeting (Chinese)</mat-label>
          <textarea matInput formControlName="customGreetingZh" rows="2" placeholder="Empty: the built-in greeting"></textarea>
          <mat-error>{{ error('customGreetingZh') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Transfer calls to</mat-label>
          <input matInput type="tel" formControlName="transferPhoneNumber" />
          <mat-hint>The staff number a caller is handed to</mat-hint>
          <mat-error>{{ error('transferPhoneNumber') }}</mat-error>
        </mat-form-field>
      </div>
      <h3 class="subtitle">Vapi</h3>
      @if (!isAdmin()) {
        <vd-read-only-note message="The Vapi assistant, squad and phone number are set by a VoiceDesk administrator." />
      }
      <div class="grid">
        <mat-form-field appearance="outline">
          <mat-label>Assistant id</mat-label>
          <input matInput formControlName="vapiAssistantId" spellcheck="false" />
          <mat-error>{{ error('vapiAssistantId') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Phone number id</mat-label>
          <input matInput formControlName="vapiPhoneNumberId" spellcheck="false" />
          <mat-error>{{ error('vapiPhoneNumberId') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Squad id</mat-label>
          <input matInput formControlName="vapiSquadId" spellcheck="false" />
          <mat-error>{{ error('vapiSquadId') }}</mat-error>
        </mat-form-field>
      </div>
      <p class="hint">Webhook secret: {{ config().voice.vapiWebhookSecret?.set ? 'set' : 'not set' }}</p>
      <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" />
    </form>
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoiceSectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly languages: ReadonlyArray<{ value: Language; label: string }> = [
    { value: 'en', label: 'English' },
    { value: 'zh', label: 'Chinese' },
  ];
  protected readonly saver = new SectionSaver();
  protected readonly form = inject(NonNullableFormBuilder).group({
    voiceAgentEnabled: [false],
    supportsEnglish: [true],
    supportsChinese: [false],
    defaultLanguage: ['en' as Language],
    vapiAssistantId: [''],
    vapiPhoneNumberId: [''],
    vapiSquadId: [''],
    customGreeting: [''],
    customGreetingZh: [''],
    transferPhoneNumber: [''],
  });
  private readonly source = computed(() => voiceForm(this.config().voice, this.config().clinicalControl), { equal: sameContent });

  constructor() {
    trackUnsavedEdits('voice', this.form);
    effect(() => {
      this.form.reset(this.source());
      for (const field of ADMIN_ONLY) {
        if (this.isAdmin()) this.form.controls[field].enable();
        else this.form.controls[field].disable();
      }
    });
  }

  protected error(field: string): string {
    // supportedLanguages has no control of its own: its message is kept on the English box
    return fieldError(this.form.get(field === 'supportedLanguages' ? 'supportsEnglish' : field));
  }

  protected async save(): Promise<void> {
    const config = await this.saver.save(this.clinicId(), toVoiceUpdate(this.form.getRawValue(), this.isAdmin()), (field) =>
      this.form.get(field === 'supportedLanguages' ? 'supportsEnglish' : field),
    );
    if (config) this.saved.emit(config);
  }
}
