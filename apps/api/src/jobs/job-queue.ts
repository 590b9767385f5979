import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { once } from 'node:events';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import type { EntityManager } from 'typeorm';

/** Where the queue lives: the app's database, its own schema. */
export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');
export const JOBS_SCHEMA = 'pgboss';

export interface JobQueueOptions {
  databaseUrl: string;
  /** idle poll of each worker (a send on this replica wakes its worker at once) */
  pollingIntervalSeconds?: number;
}

/** One attempt of a job, as its handler sees it. */
export interface JobAttempt<T> {
  id: string;
  data: T;
  /** 0 on the first attempt */
  retryCount: number;
  retryLimit: number;
  /** no retry follows if this attempt throws */
  isLastAttempt: boolean;
}

/**
 * A kind of job, registered by the feature module that owns it. A handler that throws is retried
 * with exponential backoff (`retryDelaySeconds` × 2ⁿ with jitter, capped) up to `retryLimit` times;
 * handlers must be idempotent (a job may run again after a crash).
 */
export interface JobDefinition<T> {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** an attempt still running after this long is failed (and retried) */
  expireInSeconds: number;
  /**
   * pg-boss queue policy; `stately` with a `singletonKey` per send keeps at most one job queued and
   * one running per key across every replica (e.g. one schedule refresh per clinic at a time)
   */
  policy?: 'standard' | 'stately' | 'singleton';
  handle(attempt: JobAttempt<T>): Promise<void>;
}

/**
 * The durable job queue (pg-boss on the app's PostgreSQL, schema `pgboss`). Feature modules
 * `register` their job kinds while the app is built; the queue starts with the app and stops
 * cleanly (waiting for running jobs, then for pg-boss's `stopped` event) before the database
 * connections close. A job sent inside a TypeORM transaction commits or rolls back with it.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private readonly workers = new Map<string, string>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly startedHooks: Array<() => Promise<unknown>> = [];
  private boss: PgBoss | undefined;
  private stopping = false;

  constructor(@Inject(JOB_QUEUE_OPTIONS) private readonly options: JobQueueOptions) {}

  register<T>(definition: JobDefinition<T>): void {
    if (this.boss) throw new Error(`job ${definition.name} registered after the queue started`);
    this.definitions.set(definition.name, definition as JobDefinition<never>);
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.options.databaseUrl,
      schema: JOBS_SCHEMA,
      max: 4,
      application_name: 'voicedesk-jobs',
      schedule: false,
    });
    boss.on('error', (err: Error) => this.logger.error({ err: { name: err.name, message: err.message } }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      await this.startWorker(boss, definition);
    }
    for (const hook of this.startedHooks) {
      await hook().catch((error: unknown) => this.logger.error({ error: errorName(error) }, 'job queue start hook failed'));
    }
  }

  /** Work to do each time the queue has started (e.g. give rows written while it was stopped their jobs). */
  whenStarted(hook: () => Promise<unknown>): void {
    this.startedHooks.push(hook);
  }

  /** Whether jobs can be sent now (false while the app starts or stops). */
  get running(): boolean {
    return !!this.boss && !this.stopping;
  }

  /**
   * Adds a job. With `manager` (a TypeORM transaction's), the job is written in that transaction:
   * it exists exactly when the rows written beside it do.
   */
  async send<T extends object>(name: string, data: T, options: { manager?: EntityManager; singletonKey?: string } = {}): Promise<string | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job ${name}`);
    const boss = this.started();
    const db = options.manager ? transactionDb(options.manager) : undefined;
    return boss.send(name, data, { singletonKey: options.singletonKey, ...(db ? { db } : {}) });
  }

  /** Wakes this replica's worker for `name` now instead of at its next poll (call after commit). */
  wake(name: string): void {
    const workerId = this.workers.get(name);
    if (workerId && this.boss && !this.stopping) this.boss.notifyWorker(workerId);
  }

  /**
   * Short work started after an HTTP answer (e.g. writing a job behind a webhook reply): the queue
   * waits for it before stopping, so a clean shutdown never drops it.
   */
  track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined).finally(() => this.background.delete(settled));
    this.background.add(settled);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.boss || this.stopping) return;
    // background writes still need the queue: let them (and any they lead to) finish first
    while (this.background.size) await Promise.all([...this.background]);
    this.stopping = true;
    const boss = this.boss;
    const stopped = once(boss, 'stopped');
    await boss.stop({ graceful: true, timeout: 15_000 });
    await stopped;
    this.boss = undefined;
  }

  private started(): PgBoss {
    if (!this.boss || this.stopping) throw new JobQueueUnavailableError();
    return this.boss;
  }

  private async startWorker(boss: PgBoss, definition: JobDefinition<never>): Promise<void> {
    await boss.createQueue(definition.name, {
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: definition.retryDelayMaxSeconds,
      expireInSeconds: definition.expireInSeconds,
      ...(definition.policy ? { policy: definition.policy } : {}),
    });
    const options = { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 } as const;
    const id = await boss.work<never, void, typeof options>(
      definition.name,
      options,
      async (jobs: JobWithMetadata<never>[]) => {
        for (const job of jobs) await this.runOne(definition, job);
      },
    );
    this.workers.set(definition.name, id);
  }

  private async runOne(definition: JobDefinition<never>, job: JobWithMetadata<never>): Promise<void> {
    const attempt: JobAttempt<never> = {
      id: job.id,
      data: job.data,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      isLastAttempt: job.retryCount >= job.retryLimit,
    };
    try {
      await definition.handle(attempt);
    } catch (error) {
      // the handler decides what its failure means; logs carry the job's name and attempt only
      this.logger.warn({ job: definition.name, attempt: job.retryCount + 1, retryLimit: job.retryLimit, error: errorName(error) }, 'job attempt failed');
      throw error;
    }
  }
}

/** The queue is not running (the app is starting or stopping). */
export class JobQueueUnavailableError extends Error {
  constructor() {
    super('The job queue is not running');
    this.name = 'JobQueueUnavailableError';
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** pg-boss statements on the connection of a TypeORM transaction. */
function transactionDb(manager: EntityManager): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('JobQueue.send with a manager needs a transaction');
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await runner.query(text, values, true);
      return { rows: (result.records ?? []) as unknown[] };
    },
  };
}
