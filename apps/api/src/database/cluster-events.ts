import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import pgListen, { type Subscriber } from 'pg-listen';
import type { DataSource, EntityManager } from 'typeorm';

export const CLUSTER_EVENTS_OPTIONS = Symbol('CLUSTER_EVENTS_OPTIONS');

export interface ClusterEventsOptions {
  databaseUrl: string;
  /** how often the listening connection is checked with a trivial query (a silent network drop is seen then) */
  checkEveryMs?: number;
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

type Handler = (payload: string) => void;

// pg-listen is CommonJS with an `exports.default`: Node's ESM import hands over the whole module object
type CreateSubscriber = typeof pgListen.default;
const createSubscriber = ((pgListen as unknown as { default?: CreateSubscriber }).default ?? pgListen) as CreateSubscriber;

/**
 * Events between the API replicas that share one PostgreSQL: `NOTIFY` on a channel reaches every
 * replica that listens to it (this one included), through one dedicated connection per replica
 * (pg-listen), which reconnects after a lost connection or a database restart — retrying for as
 * long as it takes — and listens to its channels again.
 *
 * A notification sent while a replica's connection was down is lost for that replica: whoever
 * relies on one registers `onReconnect` and reads again what it was waiting for
 * (docs/decisions.md "Cross-replica events"). Payloads are short strings and never carry PHI or
 * secrets (they travel through PostgreSQL's queue and to every replica).
 *
 * Handlers are registered with `on` in constructors, so that the channels are listened to before
 * the app takes its first request.
 */
@Injectable()
export class ClusterEvents implements OnModuleInit, OnApplicationShutdown {
  /** this process, as a publisher (to tell one's own notifications apart) */
  readonly replicaId = randomUUID();
  private readonly logger = new Logger('ClusterEvents');
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private subscriber: Subscriber | undefined;
  private everConnected = false;
  private lost = false;

  constructor(
    @Inject(CLUSTER_EVENTS_OPTIONS) private readonly options: ClusterEventsOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const subscriber = createSubscriber(
      { connectionString: this.options.databaseUrl, application_name: 'voicedesk-events' },
      {
        paranoidChecking: this.options.checkEveryMs ?? 5_000,
        // never give up: a database restart may take a while
        retryLimit: Infinity,
        retryTimeout: 0,
        retryInterval: (attempt) => Math.min(5_000, 100 * 2 ** attempt),
        // payloads are plain strings (pg-listen would JSON-parse them)
        parse: (text) => text,
        serialize: (data) => String(data),
      },
    );
    subscriber.events.on('notification', ({ channel, payload }) => this.deliver(channel, typeof payload === 'string' ? payload : ''));
    subscriber.events.on('error', (err) => this.logger.error({ err: { name: err.name, message: err.message } }, 'cross-replica event connection failed'));
    subscriber.events.on('reconnect', (attempt) => {
      if (attempt === 1) this.logger.warn('cross-replica event connection lost: reconnecting');
      this.lost = true;
    });
    subscriber.events.on('connected', () => this.onConnected());
    await subscriber.connect();
    this.subscriber = subscriber;
    await Promise.all([...this.handlers.keys()].map((channel) => subscriber.listenTo(channel)));
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    await subscriber?.close().catch(() => undefined);
  }

  /**
   * Calls `handler` with the payload of every notification on `channel`, from any replica
   * (this one included). Returns the function that stops it.
   */
  on(channel: string, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const listening = this.subscriber?.listenTo(channel);
      listening?.catch((err: unknown) => this.logger.error({ err, channel }, 'LISTEN failed'));
    }
    set.add(handler);
    const handlers = set;
    return () => handlers.delete(handler);
  }

  /** Called each time the listening connection is back after it was lost (notifications of the gap are lost). */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /**
   * Sends `payload` to every replica listening on `channel`. With `manager` (a transaction's), the
   * notification leaves when the transaction commits, and not at all if it rolls back.
   */
  async publish(channel: string, payload: string, manager?: EntityManager): Promise<void> {
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`notification on ${channel} too long`);
    await (manager ?? this.dataSource).query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** The listening connection is up (tests). */
  get isListening(): boolean {
    return this.subscriber !== undefined && !this.lost;
  }

  private onConnected(): void {
    const again = this.everConnected;
    this.everConnected = true;
    this.lost = false;
    if (!again) return;
    this.logger.log('cross-replica event connection back');
    for (const handler of this.reconnectHandlers) this.safely(handler);
  }

  private deliver(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) this.safely(() => handler(payload));
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.logger.error({ err }, 'a cross-replica event handler failed');
    }
  }
}
