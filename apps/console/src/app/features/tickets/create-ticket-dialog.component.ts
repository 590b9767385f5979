import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type TicketPriority, TicketsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, fieldError, formProblem } from '../../shared/forms/field-errors';
import { TICKET_PRIORITY_LABELS } from './ticket-format';

/** Opens a ticket for VoiceDesk support; the API's messages appear beside their fields. */
@Component({
  selector: 'vd-create-ticket-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>New ticket</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p class="lead">VoiceDesk support reads it and answers in the ticket’s thread. Leave patient details out.</p>
        @if (problem(); as message) {
          <p class="problem" role="alert">{{ message }}</p>
        }
        <mat-form-field appearance="outline" class="full">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" required autocomplete="off" />
          <mat-error>{{ error('title', { required: 'Say in a few words what is wrong.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full">
          <mat-label>Description</mat-label>
          <textarea matInput formControlName="description" rows="5" required></textarea>
          <mat-error>{{ error('description', { required: 'Describe what happened.' }) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Priority</mat-label>
          <mat-select formControlName="priority">
            @for (p of priorities; track p[0]) {
              <mat-option [value]="p[0]">{{ p[1] }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ error('priority') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Opening…' : 'Open ticket' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .lead { margin: 0 0 16px; }
    .full { display: block; width: 100%; }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateTicketDialogComponent {
  private readonly tickets = inject(TicketsService);
  private readonly ref = inject(MatDialogRef<CreateTicketDialogComponent>);
  private readonly clinicId: string = inject(MAT_DIALOG_DATA).clinicId;

  protected readonly priorities = Object.entries(TICKET_PRIORITY_LABELS) as Array<[TicketPriority, string]>;
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', Validators.required],
    description: ['', Validators.required],
    priority: ['medium' as TicketPriority],
  });

  protected error(field: string, messages: Record<string, string> = {}): string {
    return fieldError(this.form.get(field), messages);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    try {
      const { title, description, priority } = this.form.getRawValue();
      this.ref.close(await this.tickets.ticketsCreate({ clinicId: this.clinicId, body: { title: title.trim(), description: description.trim(), priority } }));
    } catch (error) {
      const problem = toApiProblem(error);
      this.problem.set(formProblem(problem, applyFieldErrors(problem.fieldErrors, (field) => this.form.get(field))));
    } finally {
      this.saving.set(false);
    }
  }
}
