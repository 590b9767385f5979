import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
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
