import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { CallAnalyticsService } from './call-analytics.service.js';
import { CallLog } from './call-log.entity.js';
import { CallLogsController } from './call-logs.controller.js';
import { CallLogsService } from './call-logs.service.js';
import { CallLogWriter } from './call-log.writer.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallMetadataService } from './call-metadata.service.js';
import { CallScratchJanitor } from './call-scratch-janitor.js';
import { RetentionJob } from './retention.job.js';
import { RetentionService } from './retention.service.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';
import { ToolCallReceiptsService } from './tool-call-receipts.service.js';

/**
 * Calls: durable per-call metadata (identity binding, outcome), receipts of mutating tool calls,
 * the end-of-call merge into `call_logs`, and the sweep of scratch left by calls that never reported (used by the voice webhook);
 * the clinic's call history and analytics for its staff, and the daily retention job (03:00 UTC).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CallLog, CallMetadata, ToolCallReceipt]), ClinicsModule, AuditModule, ScheduleModule.forRoot()],
  controllers: [CallLogsController],
  providers: [CallLogsService, CallAnalyticsService, CallMetadataService, ToolCallReceiptsService, CallLogWriter, CallScratchJanitor, RetentionService, RetentionJob],
  exports: [CallMetadataService, ToolCallReceiptsService, CallLogWriter, RetentionService],
})
export class CallsModule {}
