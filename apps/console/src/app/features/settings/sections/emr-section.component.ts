import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type ClinicConfigDto, ClinicsService, type ConfigPullDto, type ConnectionTestDto, EmrService, type EmrType } from '@voicedesk/api-client';
import { toApiProblem } from '../../../core/http/api-error';
import { fieldError } from '../../../shared/forms/field-errors';
import { ReadOnlyNoteComponent } from '../../../shared/read-only-note/read-only-note.component';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { emrForm, toEmrUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { ScheduleCodesComponent } from './schedule-codes.component';
import { formatInstant } from '../../../shared/format/dates';
import { trackUnsavedEdits } from '../unsaved-edits';

const EMR_TYPES: ReadonlyArray<{ value: EmrType; label: string }> = [
  { value: 'oscar-universal', label: 'OSCAR (SOAP web services)' },
  { value: 'oscar-pro', label: 'OSCAR Pro' },
  { value: 'telus-health', label: 'TELUS Health' },
  { value: 'juno', label: 'Juno' },
];

/**
 * The clinic's EMR connection. The password is write-only (its mask shows that one is stored).
 * "Test connection" is open to the clinic's manager too; changing the connection and pulling
 * OSCAR's configuration are the platform admin's.
 */
@Component({
  selector: 'vd-emr-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatButtonModule, SaveBarComponent, ReadOnlyNoteComponent, ScheduleCodesComponent],
  templateUrl: './emr-section.component.html',
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmrSectionComponent {
  private readonly emrApi = inject(EmrService);
  private readonly clinics = inject(ClinicsService);
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly types = EMR_TYPES;
  protected readonly saver = new SectionSaver();
  protected readonly form = inject(NonNullableFormBuilder).group({
    emrType: ['oscar-universal' as EmrType],
    oscarUrl: ['', Validators.required],
    oscarSoapUsername: ['', Validators.required],
    oscarSoapPassword: [''],
    oscarTlsVerify: [true],
    oscarAdmissionProgramId: ['', Validators.pattern(/^\d*$/)],
  });
  protected readonly emr = computed(() => this.config().emr);
  private readonly source = computed(() => emrForm(this.config().emr), { equal: sameContent });

  protected readonly testing = signal(false);
  protected readonly test = signal<ConnectionTestDto | null>(null);
  protected readonly testProblem = signal<string | null>(null);
  protected readonly pulling = signal(false);
  protected readonly pull = signal<ConfigPullDto | null>(null);
  protected readonly pullProblem = signal<string | null>(null);

  constructor() {
    trackUnsavedEdits('emr', this.form);
    effect(() => {
      this.form.reset(this.source());
      if (this.isAdmin()) this.form.enable();
      else this.form.disable();
    });
  }

  protected error(field: string, messages: Record<string, string> = {}): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async save(): Promise<void> {
    if (!this.isAdmin()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const config = await this.saver.save(this.clinicId(), toEmrUpdate(this.form.getRawValue()), (field) => this.form.get(field));
    if (!config) return;
    // write-only: once stored, the password is shown only as its mask
    this.form.controls.oscarSoapPassword.reset('');
    this.saved.emit(config);
  }

  protected async testConnection(): Promise<void> {
    this.testing.set(true);
    this.test.set(null);
    this.testProblem.set(null);
    try {
      this.test.set(await this.emrApi.emrTestConnection({ clinicId: this.clinicId() }));
      this.saved.emit(await this.clinics.clinicConfigGet({ clinicId: this.clinicId() }));
    } catch (error) {
      this.testProblem.set(toApiProblem(error).message);
    } finally {
      this.testing.set(false);
    }
  }

  protected async pullConfig(): Promise<void> {
    this.pulling.set(true);
    this.pull.set(null);
    this.pullProblem.set(null);
    try {
      this.pull.set(await this.emrApi.emrPullConfig({ clinicId: this.clinicId() }));
      this.saved.emit(await this.clinics.clinicConfigGet({ clinicId: this.clinicId() }));
    } catch (error) {
      this.pullProblem.set(toApiProblem(error).message);
    } finally {
      this.pulling.set(false);
    }
  }

  protected when(instant: string | null): string {
    return instant ? formatInstant(instant) : 'never';
  }
}
