import { Injectable } from '@nestjs/common';
import { CallMetadataService } from '../../calls/call-metadata.service.js';
import { CallOutcome } from '../../database/enums.js';
import type { LogCallMetadataArgs, TransferCallArgs } from '../dto/tool-args.dto.js';
import { say } from '../speech.js';
import { chartAccess, type ToolContext } from '../tool-context.js';
import { resultAnswer, toolError, type ToolAnswer } from '../tool-reply.js';

/** `log_call_metadata` and `transfer_call`: durable notes on the call, merged by the end-of-call report. */
@Injectable()
export class CallTools {
  constructor(private readonly calls: CallMetadataService) {}

  async logCallMetadata(ctx: ToolContext, args: LogCallMetadataArgs): Promise<ToolAnswer> {
    if (ctx.call) {
      // a chart is noted only when it is bound to this call: the LLM cannot attach someone else's
      const demographicId = args.demographicId && chartAccess(ctx, args.demographicId, 'book') === 'ok' ? args.demographicId : undefined;
      await this.calls.patch(ctx.call, {
        outcome: args.callOutcome,
        intent: args.intent,
        demographicId,
        appointmentId: demographicId ? args.appointmentId : undefined,
        smsConsent: args.smsConsent,
        language: ctx.lang,
      });
    }
    return resultAnswer({ logged: true, say: say(ctx.lang, 'noted') });
  }

  async transferCall(ctx: ToolContext, args: TransferCallArgs): Promise<ToolAnswer> {
    // no number: nobody is transferred, so nothing is recorded as a transfer
    if (!ctx.clinic.config.transferPhoneNumber) throw toolError(ctx.lang, 'NO_TRANSFER_NUMBER', 'noTransfer', 'none');
    if (ctx.call) await this.calls.patch(ctx.call, { transferReason: args.reason.slice(0, 200), outcome: CallOutcome.Transferred });
    return resultAnswer({ transferring: true, say: say(ctx.lang, 'transferring'), next: 'transfer' });
  }
}
