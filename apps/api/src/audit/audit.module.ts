import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from './audit-log.entity.js';
import { AuditLogQueries } from './audit-log.queries.js';
import { AuditLogsController } from './audit-logs.controller.js';
import { AuditLogsService } from './audit-logs.service.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditMiddleware } from './audit.middleware.js';
import { AuditService } from './audit.service.js';

/**
 * The audit trail, cross-cutting: a middleware records every mutating request of the console API
 * when its response finishes (refused ones too), a global interceptor adds what only the handler
 * knows, and `AuditService.record()` takes events from jobs. Admins read it at `/api/audit-logs`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  controllers: [AuditLogsController],
  providers: [AuditService, AuditLogsService, AuditLogQueries, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
