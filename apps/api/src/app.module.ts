import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { loggerParams } from './common/logging/logger-options.js';
import { ClinicInstantsInterceptor } from './common/time/clinic-instants.interceptor.js';
import { ThrottlingModule } from './common/throttling/throttling.module.js';
import type { AppConfig } from './config/app-config.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupModule } from './backup/backup.module.js';
import { ClinicsModule } from './clinics/clinics.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { EmrModule } from './emr/emr.module.js';
import { AppConfigModule } from './config/config.module.js';
import { ClusterEventsModule } from './database/cluster-events.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ProvidersModule } from './providers/providers.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { SmsModule } from './sms/sms.module.js';
import { FaxModule } from './fax/fax.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { UsersModule } from './users/users.module.js';
import { VoiceWebhookModule } from './voice-webhook/voice-webhook.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** where log lines go (tests capture them); default stdout */
  logDestination?: DestinationStream;
}

/** Wires the feature modules; nothing else. */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logDestination }: AppModuleOptions): DynamicModule {
    const serveConsole = existsSync(join(config.consoleDir, 'index.html'))
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.consoleDir,
            exclude: ['/api/{*path}'],
            serveStaticOptions: { index: 'index.html', maxAge: '1h', fallthrough: true },
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel, logDestination)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        JobsModule.forRoot({ databaseUrl }),
        MetricsModule,
        ClusterEventsModule.forRoot({ databaseUrl }),
        // deny by default: the global AccessGuard (APP_GUARD) lives in AuthModule
        AuthModule,
        // rate limits after the access guard (global guards run in registration order): counted per signed-in user
        ThrottlingModule,
        AuditModule,
        UsersModule,
        ClinicsModule,
        ProvidersModule,
        EmrModule,
        SchedulingModule,
        SmsModule,
        FaxModule,
        TicketsModule,
        DashboardModule,
        VoiceWebhookModule,
        HealthModule,
        BackupModule,
        ...serveConsole,
      ],
      // instants at the clinic's own offset in every response (STYLE: no zone arithmetic in the console)
      providers: [{ provide: APP_INTERCEPTOR, useClass: ClinicInstantsInterceptor }],
    };
  }
}
