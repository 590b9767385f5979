import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallLog } from './call-log.entity.js';
import { CallLogWriter } from './call-log.writer.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallMetadataService } from './call-metadata.service.js';
import { CallScratchJanitor } from './call-scratch-janitor.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';
import { ToolCallReceiptsService } from './tool-call-receipts.service.js';

/**
 * Calls: durable per-call metadata (identity binding, outcome), receipts of mutating tool calls,
 * the end-of-call merge into `call_logs`, and the sweep of scratch left by calls that never reported. Used by the voice webhook; no routes yet (the
 * console's call-log list arrives with the call-logs feature).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CallLog, CallMetadata, ToolCallReceipt])],
  providers: [CallMetadataService, ToolCallReceiptsService, CallLogWriter, CallScratchJanitor],
  exports: [CallMetadataService, ToolCallReceiptsService, CallLogWriter],
})
export class CallsModule {}
