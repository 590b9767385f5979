import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { CallAnalyticsService } from './call-analytics.service.js';
import { CallLog } from './call-log.entity.js';
import { CallLogsController } from './call-logs.controller.js';
import { CallLogsService } from './call-logs.service.js';
import { CallLogWriter } from './call-log.writer.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallMetadataService } from './call-metadata.service.js';
import { CallScratchJanitor } from './call-scratch-janitor.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';
import { ToolCallReceiptsService } from './tool-call-receipts.service.js';

/**
 * Calls: durable per-call metadata (identity binding, outcome), receipts of mutating tool calls,
 * the end-of-call merge into `call_logs`, and the sweep of scratch left by calls that never reported (used by the voice webhook);
 * the clinic's call history and analytics for its staff.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CallLog, CallMetadata, ToolCallReceipt]), ClinicsModule],
  controllers: [CallLogsController],
  providers: [CallLogsService, CallAnalyticsService, CallMetadataService, ToolCallReceiptsService, CallLogWriter, CallScratchJanitor],
  exports: [CallMetadataService, ToolCallReceiptsService, CallLogWriter],
})
export class CallsModule {}
