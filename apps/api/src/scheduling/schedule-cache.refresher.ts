import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { In, type Repository } from 'typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ClinicStatus } from '../database/enums.js';
import { JobQueue, JobQueueUnavailableError } from '../jobs/job-queue.js';
import { ScheduleCacheService } from './schedule-cache.service.js';
import { SchedulingClaims } from './scheduling-claims.js';

export const SCHEDULE_REFRESH_JOB = 'schedule-cache.refresh';

interface RefreshJob {
  clinicId: string;
}

/**
 * Keeps the schedule cache warm (SPEC §5): a refresh job per clinic on the job queue — `stately`
 * with the clinic as key, so across every replica at most one round runs and one waits per clinic —
 * asked for at boot, every `SCHEDULE_CACHE_TICK_SECONDS` for each active or pending clinic, and at
 * once when a clinic's EMR data or configuration changes (providers synced, codes pulled, clinic
 * created or activated, settings saved). Also sweeps expired offer holds.
 */
@Injectable()
export class ScheduleCacheRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ScheduleCacheRefresher');
  private readonly subscription: Subscription;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly cache: ScheduleCacheService,
    private readonly claims: SchedulingClaims,
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    events: ClinicConfigEvents,
  ) {
    queue.register<RefreshJob>({
      name: SCHEDULE_REFRESH_JOB,
      policy: 'stately',
      retryLimit: 2,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: 60,
      expireInSeconds: 120,
      handle: async ({ data }) => {
        await this.cache.refresh(data.clinicId);
      },
    });
    // the replica where the change was made asks for the refresh (one job per clinic across replicas)
    this.subscription = events.changed$.subscribe(({ clinicId, remote }) => {
      if (!remote) void this.request(clinicId);
    });
  }

  onApplicationBootstrap(): void {
    // the queue starts in the same phase: warm every clinic just after
    setTimeout(() => void this.tick(), 500).unref();
    const seconds = this.config.scheduleCacheTickSeconds;
    if (seconds > 0) this.timer = setInterval(() => void this.tick(), seconds * 1000).unref();
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
    if (this.timer) clearInterval(this.timer);
  }

  /** Asks for a refresh round of the clinic (dropped when one is already waiting). */
  async request(clinicId: string): Promise<void> {
    try {
      await this.queue.send<RefreshJob>(SCHEDULE_REFRESH_JOB, { clinicId }, { singletonKey: clinicId });
      this.queue.wake(SCHEDULE_REFRESH_JOB);
    } catch (error) {
      if (error instanceof JobQueueUnavailableError) return;
      this.logger.warn({ clinicId, err: error }, 'schedule refresh not queued');
    }
  }

  private async tick(): Promise<void> {
    try {
      const live = await this.clinics.find({ where: { status: In([ClinicStatus.Active, ClinicStatus.Pending]) }, select: { id: true } });
      for (const clinic of live) await this.request(clinic.id);
      await this.claims.purgeExpired();
    } catch (error) {
      this.logger.warn({ err: error }, 'schedule refresh round not started');
    }
  }
}
