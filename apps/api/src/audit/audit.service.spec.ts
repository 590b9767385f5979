import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditOutcome } from '../database/enums.js';
import type { AuditLog } from './audit-log.entity.js';
import { SYSTEM_ACTOR } from './audit-event.builder.js';
import { AuditService } from './audit.service.js';

describe('AuditService.record', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never rejects: a failed insert becomes a warning without the error text of the database', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const rows = { insert: vi.fn().mockRejectedValue(new Error('connection refused for harriet@example.com')) };
    const service = new AuditService(rows as unknown as Repository<AuditLog>);
    await expect(
      service.record({ action: 'retention.run', outcome: AuditOutcome.Success, actor: SYSTEM_ACTOR, resource: 'call_logs' }),
    ).resolves.toBeUndefined();
    expect(rows.insert).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
    const [fields, message] = warn.mock.calls[0] as [Record<string, unknown>, string];
    expect(message).toBe('Audit row could not be written');
    expect(fields).toMatchObject({ action: 'retention.run' });
    await service.flush();
  });

  it('refuses an event outside the vocabulary without writing anything', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const rows = { insert: vi.fn() };
    const service = new AuditService(rows as unknown as Repository<AuditLog>);
    await service.record({ action: 'nope' as never, outcome: AuditOutcome.Success, actor: SYSTEM_ACTOR, resource: 'x' });
    expect(rows.insert).not.toHaveBeenCalled();
  });
});
