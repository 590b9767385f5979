import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { EmrCallObserver } from '../emr/emr-call-outcome.js';

/** Seconds: the webhook's budget is 4 s (DELIVERY_BUDGET_MS), Vapi's hard limit 5 s. */
const TOOL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5];
const EMR_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8];

/**
 * The application's Prometheus instruments (prom-client), one registry per app instance (tests run
 * several apps in one process). Features record through the two methods below; what is counted at
 * scrape time (breakers, queues, texts) is added by MetricsScraper. Labels are closed vocabularies
 * and clinic ids — never a name, a phone number or a message.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();
  private readonly toolCalls: Histogram<'tool' | 'answer'>;
  private readonly emrCalls: Counter<'clinic_id' | 'operation' | 'outcome'>;
  private readonly emrSeconds: Histogram<'clinic_id' | 'kind'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.toolCalls = new Histogram({
      name: 'voicedesk_tool_call_duration_seconds',
      help: 'Voice tool calls: time to answer, by tool and answer code (ok or the error code the caller heard)',
      labelNames: ['tool', 'answer'],
      buckets: TOOL_BUCKETS,
      registers,
    });
    this.emrCalls = new Counter({
      name: 'voicedesk_emr_calls_total',
      help: 'EMR (OSCAR SOAP) calls by clinic, operation and outcome',
      labelNames: ['clinic_id', 'operation', 'outcome'],
      registers,
    });
    this.emrSeconds = new Histogram({
      name: 'voicedesk_emr_call_duration_seconds',
      help: 'EMR (OSCAR SOAP) call time by clinic and kind (read or write), queueing and retries included',
      labelNames: ['clinic_id', 'kind'],
      buckets: EMR_BUCKETS,
      registers,
    });
  }

  /** One answered tool call; `tool` is a catalogue name or `unknown`, `answer` a closed code. */
  toolCall(tool: string, answer: string, ms: number): void {
    this.toolCalls.observe({ tool, answer }, ms / 1000);
  }

  /** The EMR adapter's observer for one clinic. */
  emrObserver(clinicId: string): EmrCallObserver {
    return ({ operation, kind, outcome, seconds }) => {
      this.emrCalls.inc({ clinic_id: clinicId, operation, outcome });
      this.emrSeconds.observe({ clinic_id: clinicId, kind }, seconds);
    };
  }
}
