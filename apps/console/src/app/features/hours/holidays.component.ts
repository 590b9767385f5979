import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { FormControl, FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type ClinicHolidayDto, ClinicsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { CALENDAR_DATE_MESSAGE, calendarDate } from '../../shared/forms/calendar-date';
import { applyFieldErrors, fieldError } from '../../shared/forms/field-errors';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { calendarDay } from './hours-form';
import { holidaySourceLabel, importSummary } from './holiday-import';

/** Days the clinic is closed: the receptionist offers no appointment on them. */
@Component({
  selector: 'vd-holidays',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <section aria-labelledby="holidays-title">
      <h2 id="holidays-title" class="title">Holidays</h2>
      <form [formGroup]="form" (ngSubmit)="add()" novalidate class="add" aria-label="Add a holiday">
        <mat-form-field appearance="outline">
          <mat-label>Date</mat-label>
          <input matInput formControlName="date" required autocomplete="off" inputmode="numeric" placeholder="YYYY-MM-DD" />
          <mat-hint>YYYY-MM-DD, e.g. 2026-12-25</mat-hint>
          <mat-error>{{ error('date', { required: 'Enter the day.', calendarDate: calendarDateMessage }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required autocomplete="off" placeholder="e.g. Canada Day" />
          <mat-error>{{ error('name', { required: 'Name the holiday.' }) }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="adding()">{{ adding() ? 'Adding…' : 'Add holiday' }}</button>
      </form>
      @if (addProblem(); as message) {
        <p class="bad" role="alert">{{ message }}</p>
      }
      <div class="import" role="group" aria-label="Import statutory holidays">
        <mat-form-field appearance="outline" class="year">
          <mat-label>Year</mat-label>
          <select matNativeControl [formControl]="importYear">
            @for (y of importYears; track y) {
              <option [ngValue]="y">{{ y }}</option>
            }
          </select>
        </mat-form-field>
        <button mat-stroked-button type="button" (click)="importStatutory()" [disabled]="importing()">
          {{ importing() ? 'Importing…' : 'Import statutory holidays' }}
        </button>
      </div>
      @if (importResult(); as message) {
        <p class="imported" data-testid="import-result">{{ message }}</p>
      }
      @if (importProblem(); as message) {
        <p class="bad" role="alert">{{ message }}</p>
      }
      @if (list.first.isLoading() && list.items().length === 0) {
        <vd-loading-state label="Loading holidays…" />
      } @else if (problem(); as message) {
        <vd-error-state heading="Holidays could not be loaded" [message]="message" (retry)="list.first.reload()" />
      } @else if (list.items().length === 0) {
        <vd-empty-state heading="No holidays" message="Add the days the clinic is closed; the receptionist will not book on them." icon="inbox" />
      } @else {
        <ul class="list" data-testid="holidays">
          @for (h of list.items(); track h.id) {
            <li>
              <span><strong>{{ h.name ?? 'Closed' }}</strong> · {{ day(h.date) }} <span class="source">{{ sourceLabel(h.source) }}</span></span>
              <button mat-button type="button" (click)="remove(h)" [attr.aria-label]="'Delete ' + (h.name ?? 'holiday') + ' on ' + h.date">Delete</button>
            </li>
          }
        </ul>
        @if (list.nextCursor()) {
          <button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button>
        }
      }
      <p role="status" aria-live="polite" class="status">{{ status() }}</p>
    </section>
  `,
  styles: `
    .title { margin: 0 0 16px; font: var(--mat-sys-title-large); }
    .add { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    .add button { margin-top: 8px; }
    .list { list-style: none; margin: 8px 0; padding: 0; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    .list li { display: flex; justify-content: space-between; align-items: center; padding: 8px 8px 8px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .list li:last-child { border-bottom: none; }
    .bad { color: var(--mat-sys-error); }
    .import { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    .import .year { width: 120px; }
    .import button { margin-top: 8px; }
    .imported { font: var(--mat-sys-body-medium); }
    .source { margin-left: 8px; padding: 2px 8px; border-radius: 8px; font: var(--mat-sys-label-medium); background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface-variant); }
    .status { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HolidaysComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  readonly clinicId = input.required<string>();

  protected readonly list = new CursorList<{ clinicId: string }, ClinicHolidayDto>({ clinicId: '' }, (filter, cursor) =>
    filter.clinicId ? this.clinics.clinicHolidaysList({ clinicId: filter.clinicId, limit: 50, cursor }) : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly form = inject(NonNullableFormBuilder).group({ date: ['', [Validators.required, calendarDate]], name: ['', Validators.required] });
  protected readonly calendarDateMessage = CALENDAR_DATE_MESSAGE;
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly adding = signal(false);
  protected readonly addProblem = signal<string | null>(null);
  protected readonly status = signal('');
  protected day = calendarDay;
  protected sourceLabel = holidaySourceLabel;
  protected readonly importYears = [0, 1, 2].map((n) => new Date().getFullYear() + n);
  protected readonly importYear = new FormControl(this.importYears[1], { nonNullable: true });
  protected readonly importing = signal(false);
  protected readonly importResult = signal<string | null>(null);
  protected readonly importProblem = signal<string | null>(null);

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId() });
  }

  protected error(field: string, messages: Record<string, string>): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async add(): Promise<void> {
    if (this.adding()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.adding.set(true);
    this.addProblem.set(null);
    try {
      const { date, name } = this.form.getRawValue();
      const holiday = await this.clinics.clinicHolidaysCreate({ clinicId: this.clinicId(), body: { date: date.trim(), name: name.trim() } });
      // resetForm also forgets that the form was submitted: its now-empty fields do not show as errors
      this.formDirective().resetForm();
      this.status.set(`Added ${holiday.name ?? 'holiday'} on ${holiday.date}`);
      this.list.first.reload();
    } catch (error) {
      const problem = toApiProblem(error);
      applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field));
      this.addProblem.set(problem.message);
    } finally {
      this.adding.set(false);
    }
  }

  protected async remove(holiday: ClinicHolidayDto): Promise<void> {
    const label = `${holiday.name ?? 'the holiday'} on ${calendarDay(holiday.date)}`;
    if (!(await confirm(this.dialog, { title: 'Delete this holiday?', message: `The receptionist will book on ${label} again.`, confirm: 'Delete' }))) return;
    try {
      await this.clinics.clinicHolidaysDelete({ clinicId: this.clinicId(), id: holiday.id });
      this.status.set(`Deleted ${holiday.name ?? 'holiday'} on ${holiday.date}`);
      this.list.first.reload();
    } catch (error) {
      this.addProblem.set(toApiProblem(error).message);
    }
  }

  /** Adds the clinic province's statutory holidays of the chosen year; dates already listed are kept as they are. */
  protected async importStatutory(): Promise<void> {
    if (this.importing()) return;
    this.importing.set(true);
    this.importResult.set(null);
    this.importProblem.set(null);
    try {
      const result = await this.clinics.clinicHolidaysImportStatutory({ clinicId: this.clinicId(), body: { year: this.importYear.value } });
      this.importResult.set(importSummary(result.year, result.added, result.skipped));
      this.list.first.reload();
    } catch (error) {
      this.importProblem.set(toApiProblem(error).message);
    } finally {
      this.importing.set(false);
    }
  }
}
