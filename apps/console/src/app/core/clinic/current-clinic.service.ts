import { Injectable, computed, inject, signal } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { TOKEN_STORAGE } from '../auth/session-storage';

const CHOSEN_CLINIC_KEY = 'voicedesk.clinicId';

/**
 * The clinic the console works in. A clinic manager is always in their own clinic; a platform
 * admin picks one (clinic list or picker), remembered for this tab so the clinic sections of the
 * navigation lead back to it.
 */
@Injectable({ providedIn: 'root' })
export class CurrentClinic {
  private readonly auth = inject(AuthService);
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly chosen = signal<string | null>(this.storage.getItem(CHOSEN_CLINIC_KEY));

  readonly clinicId = computed(() => {
    const user = this.auth.user();
    if (!user) return null;
    return user.clinicId ?? this.chosen();
  });

  /** Bumped when the current clinic itself changed (went live, renamed, status set): what shows it reads it again. */
  readonly revision = signal(0);

  /** The clinic was changed (activation, its details or status saved): its header reads it again. */
  changed(): void {
    this.revision.update((n) => n + 1);
  }

  /** An admin starts working in this clinic (ignored for a manager: their clinic is fixed). */
  choose(clinicId: string): void {
    if (this.auth.user()?.clinicId) return;
    this.chosen.set(clinicId);
    this.storage.setItem(CHOSEN_CLINIC_KEY, clinicId);
  }
}
