import { Global, Module } from '@nestjs/common';
import { EmrModule } from '../emr/emr.module.js';
import { AppMetrics } from './app-metrics.js';
import { MetricsScraper } from './metrics-scraper.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsTokenGuard } from './metrics-token.guard.js';

/**
 * Prometheus metrics (prom-client). Global: features record through `AppMetrics` (the webhook's
 * tool calls, the EMR adapters' calls); `GET /api/metrics` adds what is read at scrape time.
 */
@Global()
@Module({
  imports: [EmrModule],
  controllers: [MetricsController],
  providers: [AppMetrics, MetricsScraper, MetricsTokenGuard],
  exports: [AppMetrics],
})
export class MetricsModule {}
