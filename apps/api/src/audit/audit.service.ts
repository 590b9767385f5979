import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditLog } from './audit-log.entity.js';
import { buildAuditRow, type AuditEvent } from './audit-event.builder.js';
import { httpAuditEvent } from './http-audit.js';

/**
 * Writes the audit trail. `record()` is the only way in (HTTP requests through the middleware,
 * jobs directly with the system actor). A write never fails or slows the request it describes:
 * rows are inserted after the response has finished, and a database error becomes a redacted
 * warning in the log.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly pending = new Set<Promise<void>>();

  constructor(@InjectRepository(AuditLog) private readonly rows: Repository<AuditLog>) {}

  /** Stores one event; resolves when it is stored or its failure logged (never rejects). */
  record(event: AuditEvent): Promise<void> {
    let row;
    try {
      row = buildAuditRow(event);
    } catch (error) {
      this.logger.error({ err: error }, 'Audit event refused by the builder');
      return Promise.resolve();
    }
    // jsonb details: TypeORM's deep-partial type does not model free-form JSON objects
    const write = this.rows.insert(row as QueryDeepPartialEntity<AuditLog>).then(
      () => undefined,
      (error: unknown) => {
        this.logger.warn({ err: error, action: row.action, statusCode: row.statusCode }, 'Audit row could not be written');
      },
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    return write;
  }

  /** Records a finished HTTP request when it is one the trail covers (see `httpAuditEvent`). */
  recordHttp(request: Request, response: Response, finished: boolean): void {
    let event: AuditEvent | undefined;
    try {
      event = httpAuditEvent(request, response, finished);
    } catch (error) {
      this.logger.error({ err: error }, 'Audit event could not be built');
      return;
    }
    if (event) void this.record(event);
  }

  /** Waits for the writes under way (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
