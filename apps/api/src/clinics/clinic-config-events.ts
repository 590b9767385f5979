import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { ConfigSection } from './clinic-config.mapper.js';

export interface ClinicConfigChange {
  clinicId: string;
  /** sections with at least one changed field */
  sections: ConfigSection[];
  /** changed fields as `section.key` (names only, never values) */
  fields: string[];
}

/** Rows of a clinic besides the clinic and its config that the voice webhook answers from. */
export type ClinicData = 'hours' | 'holidays' | 'providers' | 'schedule-codes';

/**
 * Tells other modules that a clinic's configuration changed, after the change is committed.
 *
 * - `emrChanged$`: an EMR connection field changed (URL, credentials, TLS, type…). The EMR module
 *   subscribes to drop its cached adapter / circuit breaker for `clinicId`:
 *   ```ts
 *   constructor(events: ClinicConfigEvents) {
 *     events.emrChanged$.subscribe(({ clinicId }) => this.adapters.delete(clinicId));
 *   }
 *   ```
 * - `changed$`: any change of the clinic or its config (for caches on the webhook path): a clinic
 *   row change (status, name, numbers…) comes with no sections and fields named `clinic.<field>`;
 *   a change of its opening hours, holidays or providers with no sections and the field `hours`,
 *   `holidays` or `providers`.
 *
 * In-process only: another API replica does not hear it, so caches must also expire (or compare
 * the config's `updatedAt`).
 */
@Injectable()
export class ClinicConfigEvents implements OnModuleDestroy {
  readonly changed$ = new Subject<ClinicConfigChange>();
  readonly emrChanged$ = new Subject<ClinicConfigChange>();

  private readonly logger = new Logger(ClinicConfigEvents.name);

  /** A failing subscriber is logged, never turned into a failed request (the change is committed). */
  publish(change: ClinicConfigChange, emrChanged: boolean): void {
    try {
      this.changed$.next(change);
      if (emrChanged) this.emrChanged$.next(change);
    } catch (error) {
      this.logger.error({ err: error, clinicId: change.clinicId }, 'a clinic config subscriber failed');
    }
  }

  /** The clinic row itself changed (e.g. taken offline): config caches must reload it too. */
  clinicChanged(clinicId: string, fields: string[]): void {
    this.publish({ clinicId, sections: [], fields: fields.map((f) => `clinic.${f}`) }, false);
  }

  /** The clinic's opening hours, holidays, providers (edited or synced) or pulled schedule codes changed: what the webhook and the schedule cache work from must be read again. */
  dataChanged(clinicId: string, what: ClinicData): void {
    this.publish({ clinicId, sections: [], fields: [what] }, false);
  }

  onModuleDestroy(): void {
    this.changed$.complete();
    this.emrChanged$.complete();
  }
}
