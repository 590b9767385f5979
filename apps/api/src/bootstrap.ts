import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { HttpErrorFilter } from './common/errors/http-exception.filter.js';
import { compressResponses } from './common/http/compress-responses.js';
import { stripNulCharacters } from './common/http/without-nul.js';
import { createValidationPipe } from './common/errors/validation.pipe.js';
import { ServerLifecycle } from './health/server-lifecycle.js';
import { setupOpenApi } from './openapi/openapi.js';
import { mountWebhookLane } from './voice-webhook/webhook-lane.js';

/** Builds the Nest application with every global concern (prefix, security headers, CORS, validation, errors, docs). */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    abortOnError: false,
    // the Vapi webhook verifies HMAC signatures over the exact bytes received (request.rawBody)
    rawBody: true,
    // on close, end kept-alive connections too: a load balancer polling /api/health on one would
    // otherwise hold the server open, and a stopping replica would never exit (its port stays taken)
    forceCloseConnections: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  // every request is counted in flight, so a stopping replica answers them all before it exits (server.ts)
  app.use(app.get(ServerLifecycle).track);
  app.useBodyParser('json', { limit: '2mb' });
  app.use(stripNulCharacters);
  // the Vapi webhook is answered here, before the middleware below and Nest's router (webhook-lane.ts)
  mountWebhookLane(app);
  // brotli/gzip for the console's files and the API's JSON, after the webhook lane (compress-responses.ts)
  app.use(compressResponses());
  app.setGlobalPrefix('api');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  const { corsOrigins } = options.config;
  app.enableCors(corsOrigins.length ? { origin: corsOrigins, credentials: false } : { origin: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // no enableShutdownHooks(): the entry points own SIGTERM and stop in order (server.ts `stop`):
  // Nest's hook would close the database while requests are still being answered
  setupOpenApi(app);
  return app;
}
