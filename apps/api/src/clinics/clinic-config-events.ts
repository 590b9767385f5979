import { Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import { ClusterEvents } from '../database/cluster-events.js';
import type { ConfigSection } from './clinic-config.mapper.js';

/** The channel that carries clinic changes to the other replicas. */
const CHANNEL = 'clinic_config_changed';

/** What travels between replicas: names only, never values. */
interface Announcement {
  from: string;
  change: ClinicConfigChange;
  emrChanged: boolean;
}

export interface ClinicConfigChange {
  clinicId: string;
  /** sections with at least one changed field */
  sections: ConfigSection[];
  /** changed fields as `section.key` (names only, never values) */
  fields: string[];
  /** announced by another replica (the one that made the change has acted on it already, e.g. asked for a schedule refresh) */
  remote?: boolean;
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
 * Heard at once on this replica, and carried to every other replica through PostgreSQL
 * (ClusterEvents, NOTIFY `clinic_config_changed`), which hears it within milliseconds and emits it
 * on the same subjects with `remote: true`. A change announced while a replica's listening
 * connection was down is not heard there: caches still expire (15 s), which bounds that case.
 * Without ClusterEvents (unit kits) the events stay in-process.
 */
@Injectable()
export class ClinicConfigEvents implements OnModuleDestroy {
  readonly changed$ = new Subject<ClinicConfigChange>();
  readonly emrChanged$ = new Subject<ClinicConfigChange>();

  private readonly logger = new Logger(ClinicConfigEvents.name);

  constructor(@Optional() private readonly cluster?: ClusterEvents) {
    cluster?.on(CHANNEL, (payload) => this.heard(payload));
  }

  /**
   * Emits here, then tells the other replicas (in the background: the change is committed, and a
   * failed NOTIFY is logged, never turned into a failed request). A failing subscriber is logged too.
   */
  publish(change: ClinicConfigChange, emrChanged: boolean): void {
    this.emit(change, emrChanged);
    if (!this.cluster) return;
    const announcement: Announcement = { from: this.cluster.replicaId, change: { clinicId: change.clinicId, sections: change.sections, fields: change.fields }, emrChanged };
    this.cluster.publish(CHANNEL, JSON.stringify(announcement)).catch((error: unknown) =>
      this.logger.warn({ err: error, clinicId: change.clinicId }, 'clinic change not announced to the other replicas (their caches expire within 15 s)'),
    );
  }

  /** The clinic row itself changed (e.g. taken offline): config caches must reload it too. */
  clinicChanged(clinicId: string, fields: string[]): void {
    this.publish({ clinicId, sections: [], fields: fields.map((f) => `clinic.${f}`) }, false);
  }

  /** The clinic's opening hours, holidays, providers (edited or synced) or pulled schedule codes changed: what the webhook and the schedule cache work from must be read again. */
  dataChanged(clinicId: string, what: ClinicData): void {
    this.publish({ clinicId, sections: [], fields: [what] }, false);
  }

  private emit(change: ClinicConfigChange, emrChanged: boolean): void {
    try {
      this.changed$.next(change);
      if (emrChanged) this.emrChanged$.next(change);
    } catch (error) {
      this.logger.error({ err: error, clinicId: change.clinicId }, 'a clinic config subscriber failed');
    }
  }

  /** Another replica's change (this replica's own comes back too, and was emitted already). */
  private heard(payload: string): void {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(payload) as Announcement;
    } catch {
      this.logger.warn('unreadable clinic change announcement ignored');
      return;
    }
    const { from, change, emrChanged } = announcement;
    if (from === this.cluster?.replicaId || typeof change?.clinicId !== 'string') return;
    this.emit({ clinicId: change.clinicId, sections: change.sections ?? [], fields: change.fields ?? [], remote: true }, emrChanged === true);
  }

  onModuleDestroy(): void {
    this.changed$.complete();
    this.emrChanged$.complete();
  }
}
