import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

/**
 * Which settings sections hold edits not saved yet. Provided by the settings page; each section
 * registers its form (`trackUnsavedEdits`). A form has unsaved edits when a person changed it
 * and its value differs from the one it had when it was last clean (loaded, reset or saved):
 * typing a value and typing the old one back is no edit.
 */
@Injectable()
export class UnsavedEdits {
  private readonly forms = new Map<string, { form: AbstractControl; clean: string }>();
  /** bumped on every change of a tracked form, so templates reading `has()` refresh */
  private readonly changes = signal(0);

  /** Starts tracking a section's form; answers the function that stops it. */
  track(section: string, form: AbstractControl): () => void {
    const entry = { form, clean: snapshot(form) };
    this.forms.set(section, entry);
    const subscription = form.events.subscribe(() => {
      if (form.pristine) entry.clean = snapshot(form);
      this.changes.update((n) => n + 1);
    });
    return () => {
      subscription.unsubscribe();
      if (this.forms.get(section) === entry) this.forms.delete(section);
      this.changes.update((n) => n + 1);
    };
  }

  /** True when this section (or, without one, any section) has unsaved edits. */
  has(section?: string): boolean {
    this.changes();
    const entries = section ? [this.forms.get(section)] : [...this.forms.values()];
    return entries.some((entry) => !!entry && entry.form.dirty && snapshot(entry.form) !== entry.clean);
  }

  /** The sections with unsaved edits, in the order they were opened. */
  sections(): string[] {
    return [...this.forms.keys()].filter((section) => this.has(section));
  }
}

function snapshot(form: AbstractControl): string {
  return JSON.stringify((form as AbstractControl & { getRawValue?: () => unknown }).getRawValue?.() ?? form.value);
}

/** Registers a settings section's form with the page's `UnsavedEdits` (call in a constructor or field initialiser). */
export function trackUnsavedEdits(section: string, form: AbstractControl): void {
  const edits = inject(UnsavedEdits, { optional: true });
  if (!edits) return;
  inject(DestroyRef).onDestroy(edits.track(section, form));
}
