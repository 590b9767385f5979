import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal } from '@angular/core';
import { type AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ClinicsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, fieldError, formProblem } from '../../shared/forms/field-errors';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { SaveBarComponent } from '../../shared/save-bar/save-bar.component';
import { DAY_NAMES, type HoursRow, hoursRows, rowField, toHoursBody } from './hours-form';

const TIME = { required: 'Enter a time.', pattern: 'Use HH:mm, e.g. 09:00.' };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The closing time of an open day comes after its opening time (the API says the same; checked here with the other fields, at once). */
function afterOpening(control: AbstractControl<string>): ValidationErrors | null {
  const open = control.parent?.get('openTime')?.value as string | undefined;
  const close = control.value;
  if (!open || !close || !HH_MM.test(open) || !HH_MM.test(close)) return null;
  return close > open ? null : { notAfterOpening: true };
}

/** The times a day gets when it is opened and has none of its own (it was closed when the page loaded). */
export const DEFAULT_OPEN_TIMES = { openTime: '09:00', closeTime: '17:00' } as const;

type DayGroup = FormGroup<{ dayOfWeek: FormControl<number>; openTime: FormControl<string>; closeTime: FormControl<string>; isClosed: FormControl<boolean> }>;

function dayGroup(row: HoursRow): DayGroup {
  const time = (value: string, ...more: ValidatorFn[]) => new FormControl(value, { nonNullable: true, validators: [Validators.required, Validators.pattern(HH_MM), ...more] });
  const group: DayGroup = new FormGroup({
    dayOfWeek: new FormControl(row.dayOfWeek, { nonNullable: true }),
    openTime: time(row.openTime),
    closeTime: time(row.closeTime, afterOpening),
    isClosed: new FormControl(row.isClosed, { nonNullable: true }),
  });
  const recheckClosing = () => group.controls.closeTime.updateValueAndValidity({ emitEvent: false });
  group.controls.openTime.valueChanges.subscribe(recheckClosing);
  recheckClosing();
  // a closed day keeps the times it had (disabled, not sent), so reopening it brings them back;
  // a day that had none gets the usual ones rather than two empty fields
  const sync = (closed: boolean) => {
    for (const field of ['openTime', 'closeTime'] as const) {
      const control = group.controls[field];
      if (closed) {
        control.disable({ emitEvent: false });
      } else {
        control.enable({ emitEvent: false });
        if (!control.value) control.setValue(DEFAULT_OPEN_TIMES[field], { emitEvent: false });
      }
    }
  };
  sync(row.isClosed);
  group.controls.isClosed.valueChanges.subscribe(sync);
  return group;
}

/** The seven days: opening and closing times, or closed. The API's messages appear on their row. */
@Component({
  selector: 'vd-weekly-hours',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, SaveBarComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    <section aria-labelledby="hours-title">
      <h2 id="hours-title" class="title">Opening hours</h2>
      @if (problem(); as message) {
        <vd-error-state heading="Opening hours could not be loaded" [message]="message" (retry)="hours.reload()" />
      } @else if (!hours.hasValue()) {
        <vd-loading-state label="Loading opening hours…" />
      } @else {
        <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Opening hours">
          <div formArrayName="days" class="days">
            @for (day of days.controls; track $index; let i = $index) {
              <div class="day" [formGroupName]="i" [attr.data-testid]="'hours-' + dayName(day)">
                <span class="name" [id]="'day-' + i">{{ dayName(day) }}</span>
                <mat-slide-toggle [checked]="!day.controls.isClosed.value" (change)="setOpen(day, $event.checked)" [attr.aria-describedby]="'day-' + i">Open</mat-slide-toggle>
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>{{ dayName(day) }} opens</mat-label>
                  <input matInput type="time" formControlName="openTime" />
                  <mat-error>{{ error(day, 'openTime') }}</mat-error>
                </mat-form-field>
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>{{ dayName(day) }} closes</mat-label>
                  <input matInput type="time" formControlName="closeTime" />
                  <mat-error>{{ error(day, 'closeTime') }}</mat-error>
                </mat-form-field>
              </div>
            }
          </div>
          <vd-save-bar [saving]="saving()" [status]="status()" [problem]="saveProblem()" label="Save hours" />
        </form>
      }
    </section>
  `,
  styles: `
    .title { margin: 0 0 16px; font: var(--mat-sys-title-large); }
    .days { display: grid; gap: 12px; margin-bottom: 8px; }
    .day { display: grid; grid-template-columns: 120px 120px minmax(140px, 200px) minmax(140px, 200px); gap: 16px; align-items: start; }
    .name { font: var(--mat-sys-title-small); padding-top: 16px; }
    mat-slide-toggle { padding-top: 12px; }
    @media (max-width: 700px) { .day { grid-template-columns: 1fr 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WeeklyHoursComponent {
  private readonly clinics = inject(ClinicsService);
  readonly clinicId = input.required<string>();

  protected readonly hours = resource({ params: () => ({ clinicId: this.clinicId() }), loader: ({ params }) => this.clinics.clinicHoursGet(params) });
  protected readonly problem = computed(() => (this.hours.error() ? toApiProblem(this.hours.error()).message : null));
  protected readonly days = new FormArray<DayGroup>([]);
  protected readonly form = new FormGroup({ days: this.days });
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly saveProblem = signal<string | null>(null);

  constructor() {
    effect(() => {
      // a failed load has no value to read (reading it throws): the template shows the error and "Try again"
      if (!this.hours.hasValue()) return;
      const week = this.hours.value();
      this.days.clear();
      for (const row of hoursRows(week.items)) this.days.push(dayGroup(row));
    });
  }

  protected dayName(day: DayGroup): string {
    return DAY_NAMES[day.controls.dayOfWeek.value];
  }

  /** The switch reads "Open": on for a day the clinic is open, off for a closed one. */
  protected setOpen(day: DayGroup, open: boolean): void {
    day.controls.isClosed.setValue(!open);
    day.controls.isClosed.markAsDirty();
  }

  protected error(day: DayGroup, field: 'openTime' | 'closeTime'): string {
    // the API's words for the same rule, so the message reads the same whichever side said it
    return fieldError(day.controls[field], { ...TIME, notAfterOpening: `Closing time must be after opening time on ${this.dayName(day)}` });
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
      this.hours.set(await this.clinics.clinicHoursReplace({ clinicId: this.clinicId(), body: toHoursBody(this.days.getRawValue()) }));
      this.status.set('Saved');
    } catch (error) {
      const problem = toApiProblem(error);
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => {
        const at = rowField(field);
        return at ? (this.days.at(at.row)?.get(at.field) ?? null) : null;
      });
      this.saveProblem.set(formProblem(problem, unplaced));
    } finally {
      this.saving.set(false);
    }
  }
}
