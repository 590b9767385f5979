import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/public.decorator.js';
import { MetricsScraper } from './metrics-scraper.js';
import { MetricsTokenGuard } from './metrics-token.guard.js';

/**
 * `GET /api/metrics`: Prometheus text for the operator's scraper, not part of the public API (kept
 * out of the OpenAPI document; docs/operations.md "What to watch" lists the metrics). Not a user
 * route: the access guard lets it through, and the metrics token guards it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly scraper: MetricsScraper) {}

  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.scraper.scrape();
    response.status(200).type(contentType).send(body);
  }
}
