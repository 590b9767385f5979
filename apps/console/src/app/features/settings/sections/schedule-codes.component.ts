import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { ClinicConfigDto } from '@voicedesk/api-client';
import { SaveBarComponent } from '../../../shared/save-bar/save-bar.component';
import { SectionSaver } from '../section-saver';
import { formatInstant } from '../../../shared/format/dates';

/**
 * The schedule template codes pulled from OSCAR, and which of them the receptionist may book. The
 * choice is the platform admin's (the OSCAR config section); a manager sees it.
 */
@Component({
  selector: 'vd-schedule-codes',
  imports: [FormsModule, MatCheckboxModule, MatButtonModule, SaveBarComponent],
  template: `
    @if (codes(); as list) {
      <form (ngSubmit)="save()" aria-label="Bookable schedule codes">
        <table class="codes" data-testid="schedule-codes">
          <caption>Schedule codes pulled {{ pulledAt() }}</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Description</th><th scope="col">Minutes</th><th scope="col">Booking limit</th><th scope="col">Bookable by voice</th></tr></thead>
          <tbody>
            @for (c of list; track c.code) {
              <tr>
                <td>{{ c.code }}</td><td>{{ c.description }}</td><td>{{ c.duration }}</td><td>{{ c.bookinglimit }}</td>
                <td>
                  @if (isAdmin()) {
                    <mat-checkbox [checked]="selected().has(c.code)" (change)="toggle(c.code, $event.checked)" [aria-label]="'Bookable by voice: ' + c.code + ' ' + c.description" />
                  } @else {
                    {{ c.bookable ? 'Yes' : 'No' }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (isAdmin()) {
          <vd-save-bar [saving]="saver.saving()" [status]="saver.status()" [problem]="saver.problem()" label="Save bookable codes" />
        }
      </form>
    } @else {
      <p class="hint">No schedule codes pulled yet.</p>
    }
  `,
  styleUrl: './section.scss',
  styles: `:host { padding: 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleCodesComponent {
  readonly clinicId = input.required<string>();
  readonly config = input.required<ClinicConfigDto>();
  readonly isAdmin = input(false);
  readonly saved = output<ClinicConfigDto>();

  protected readonly saver = new SectionSaver();
  protected readonly codes = computed(() => this.config().oscarConfig.scheduleTemplateCodes);
  protected readonly pulledAt = computed(() => {
    const at = this.config().oscarConfig.oscarConfigPulledAt;
    return at ? formatInstant(at) : '';
  });
  protected readonly selected = linkedSignal(() => new Set((this.codes() ?? []).filter((c) => c.bookable).map((c) => c.code)));

  protected toggle(code: string, on: boolean): void {
    this.selected.update((codes) => {
      const next = new Set(codes);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  }

  protected async save(): Promise<void> {
    const bookableScheduleCodes = (this.codes() ?? []).map((c) => c.code).filter((code) => this.selected().has(code));
    const config = await this.saver.save(this.clinicId(), { oscarConfig: { bookableScheduleCodes } }, () => null);
    if (config) this.saved.emit(config);
  }
}
