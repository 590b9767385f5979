import { inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { type ClinicConfigDto, ClinicsService, type UpdateClinicConfigDto } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { applyFieldErrors, formProblem } from '../../shared/forms/field-errors';

/**
 * Saves one settings section (`PUT …/config` with that section only) and keeps what a screen
 * shows about it: saving, "Saved", or the API's message — its field errors (`section.field`)
 * beside their fields, and a 403's list of fields a manager may not change. Create in a field
 * initialiser.
 */
export class SectionSaver {
  private readonly clinics = inject(ClinicsService);
  readonly saving = signal(false);
  readonly status = signal('');
  readonly problem = signal<string | null>(null);

  /** Answers the configuration after the change, or null when the API refused it. */
  async save(clinicId: string, body: UpdateClinicConfigDto, control: (field: string) => AbstractControl | null): Promise<ClinicConfigDto | null> {
    if (this.saving()) return null;
    this.saving.set(true);
    this.status.set('');
    this.problem.set(null);
    try {
      const config = await this.clinics.clinicConfigUpdate({ clinicId, body });
      this.status.set('Saved');
      return config;
    } catch (error) {
      const problem = toApiProblem(error);
      const unplaced = applyFieldErrors(problem.fieldErrors, (field) => {
        const [section, ...rest] = field.split('.');
        return section in body && rest.length ? control(rest.join('.')) : null;
      });
      this.problem.set(formProblem(problem, unplaced));
      return null;
    } finally {
      this.saving.set(false);
    }
  }
}

/** Equality of two sections by content: a save of another section does not reset this one's edits. */
export function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
