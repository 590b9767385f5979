import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'voicedesk:isPublic';

/**
 * OpenAPI marker of a public operation. Nest's document drops an empty `security` array, so the
 * document builder (`openapi/openapi-normalize.ts`) turns this marker into `security: []`.
 */
export const PUBLIC_OPERATION_EXTENSION = 'x-voicedesk-public';

/**
 * Marks a route as reachable without a console token (it may still have its own auth, e.g.
 * webhooks), and declares it so in the OpenAPI document (`security: []`).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
