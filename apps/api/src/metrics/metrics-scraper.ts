import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { SmsStatus } from '../database/enums.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { AppMetrics } from './app-metrics.js';
import { jobCounts, textCounts } from './scrape-queries.js';

/** `voicedesk_emr_breaker_state` values. */
export const BREAKER_STATE = { closed: 0, 'half-open': 1, open: 2, isolated: 3 } as const;

/**
 * What is read when Prometheus scrapes: the EMR breaker and bulkhead of every clinic this replica
 * has talked to (per replica: each keeps its own), and from PostgreSQL the job queue's depth and
 * the texts by status (shared by every replica). A count that cannot be read is left out of that
 * scrape (and logged), never a failed scrape.
 */
@Injectable()
export class MetricsScraper {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: AppMetrics,
    private readonly emr: EmrAdapterFactory,
    private readonly dataSource: DataSource,
  ) {
    const registers = [metrics.registry];
    const emrPolicies = () => this.emr.builtPolicies();
    new Gauge({
      name: 'voicedesk_emr_breaker_state',
      help: 'EMR circuit breaker per clinic on this replica: 0 closed, 1 half-open (probing), 2 open (calls paused), 3 isolated',
      labelNames: ['clinic_id'],
      registers,
      collect() {
        this.reset();
        for (const { clinicId, resilience } of emrPolicies()) this.set({ clinic_id: clinicId }, BREAKER_STATE[resilience.circuitState]);
      },
    });
    new Gauge({
      name: 'voicedesk_emr_bulkhead_calls',
      help: 'EMR calls per clinic on this replica holding one of its lanes (running) or waiting for one (queued)',
      labelNames: ['clinic_id', 'state'],
      registers,
      collect() {
        this.reset();
        for (const { clinicId, resilience } of emrPolicies()) {
          const { running, queued } = resilience.load();
          this.set({ clinic_id: clinicId, state: 'running' }, running);
          this.set({ clinic_id: clinicId, state: 'queued' }, queued);
        }
      },
    });
    const read = <T>(what: string, query: () => Promise<T[]>) => this.read(what, query);
    new Gauge({
      name: 'voicedesk_job_queue_jobs',
      help: 'Jobs in the durable queue (pg-boss) by queue and state: created/retry wait, active run, failed gave up (kept for a while)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const row of (await read('job queue', () => jobCounts(dataSource))) ?? []) this.set({ queue: row.queue, state: row.state }, row.jobs);
      },
    });
    new Gauge({
      name: 'voicedesk_texts',
      help: 'Text messages (sms_messages) by status, every clinic',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        const rows = await read('texts', () => textCounts(dataSource));
        if (!rows) return;
        const counts = new Map(rows.map((row) => [row.status, row.texts]));
        for (const status of Object.values(SmsStatus)) this.set({ status }, counts.get(status) ?? 0);
      },
    });
  }

  /** The whole exposition, in Prometheus text format. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() };
  }

  private async read<T>(what: string, query: () => Promise<T[]>): Promise<T[] | undefined> {
    try {
      return await query();
    } catch (error) {
      this.logger.warn({ counts: what, error: error instanceof Error ? error.name : typeof error }, 'metrics: counts not read this scrape');
      return undefined;
    }
  }
}
