import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { ClinicConfigDto } from '@voicedesk/api-client';
import { ReadOnlyNoteComponent } from '../../../shared/read-only-note/read-only-note.component';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { toAgreementsUpdate } from '../config-forms';
import { SectionSaver, sameContent } from '../section-saver';
import { formatDay } from '../../../shared/format/dates';
import { trackUnsavedEdits } from '../unsaved-edits';

/** The business associate agreements (hosting, Vapi): recorded by the platform admin. */
@Component({
  selector: 'vd-agreements-section',
  imports: [ReactiveFormsModule, MatSlideToggleModule, SaveBarComponent, ReadOnlyNoteComponent],
  template: `
    <h2 class="title">Agreements</h2>
    @if (!isAdmin()) {
      <vd-read-only-note message="Agreements are recorded by a VoiceDesk administrator." />
    }
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Agreements">
      <div class="fieldset column">
        <mat-slide-toggle formControlName="baaHostingSigned">Hosting agreement signed{{ signedOn(config().agreements.baaHostingSignedAt) }}</mat-slide-toggle>
        <mat-slide-toggle formControlName="baaVapiSigned">Vapi agreement signed{{ signedOn(config().agreements.baaVapiSignedAt) }}</mat-slide-toggle>
      </div>
      @if (isAdmin()) {
        <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" />
      }
    </form>
  `,
  styleUrl: './section.scss',
  styles: `.column { flex-direction: column; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementsSectionComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly saver = new SectionSaver();
  protected readonly form = inject(NonNullableFormBuilder).group({ baaHostingSigned: [false], baaVapiSigned: [false] });
  private readonly source = computed(
    () => ({ baaHostingSigned: this.config().agreements.baaHostingSigned, baaVapiSigned: this.config().agreements.baaVapiSigned }),
    { equal: sameContent },
  );

  constructor() {
    trackUnsavedEdits('agreements', this.form);
    effect(() => {
      this.form.reset(this.source());
      if (this.isAdmin()) this.form.enable();
      else this.form.disable();
    });
  }

  protected signedOn(at: string | null): string {
    return at ? ` (${formatDay(at)})` : '';
  }

  protected async save(): Promise<void> {
    const config = await this.saver.save(this.clinicId(), toAgreementsUpdate(this.form.getRawValue(), this.config().agreements), (field) => this.form.get(field));
    if (config) this.saved.emit(config);
  }
}
