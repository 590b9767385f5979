import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { normalizeOpenApi } from './openapi-normalize.js';

/** `Controller_method`, e.g. `Clinics_list`: stable operation ids for the generated client. */
function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('VoiceDesk API')
    .setDescription(
      'The back office of an AI phone receptionist for medical clinics: clinics, providers, scheduling rules, ' +
        'call logs, and the webhooks called by the voice agent (Vapi) and the SMS/fax carrier (Telnyx). ' +
        'Errors answer `{statusCode, error, message, errors:[{field, message}]}`; lists answer `{items, nextCursor}`.',
    )
    .setVersion('1.0.0')
    // the API serves its own document, so requests go to the origin that served it: the variable's
    // default is empty (a relative server URL; generated clients keep an empty root URL)
    .addServer('{origin}', 'The VoiceDesk deployment that serves this document (paths start with /api)', {
      origin: { default: '', description: 'scheme, host and port of a deployment, e.g. https://voicedesk.example.org' },
    })
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  // no public licence: integrators use the API under their VoiceDesk agreement (a name, no URL)
  config.info.license = { name: 'Proprietary' };
  return normalizeOpenApi(SwaggerModule.createDocument(app, config, { operationIdFactory: operationId }));
}

/** Serves the document at `/api/openapi.json` and the reader at `/api/docs`. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'VoiceDesk API',
  });
}
