import { Body, Controller, Get, HttpCode, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { isOverloaded } from '../common/throttling/overload.js';
import { toolDefinitions, type VapiToolDefinition } from './tool-schemas.js';
import { VoiceWebhookService } from './voice-webhook.service.js';
import { InstantsAsWritten } from '../common/time/clinic-instants.interceptor.js';

const RESULTS_SCHEMA = {
  type: 'object',
  description: 'tool-calls: one entry per tool call, in order; `result` or `error` is a compact JSON string with `say` and `next` (docs/vapi-assistant.md). transfer-destination-request: `{destination}` or `{error}`. Other types: `{}`.',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', example: 'find_earliest_appointment' },
          toolCallId: { type: 'string', example: 'call_7hQp2mXc' },
          result: { type: 'string', example: '{"found":true,"providerId":"101","say":"…","next":"none"}' },
          error: { type: 'string', example: '{"code":"EMR_UNAVAILABLE","say":"…","next":"retry"}' },
        },
      },
    },
  },
};

/**
 * Vapi's server URL and the tool definitions for its assistants (thin: VoiceWebhookService does the
 * work). In the app `POST webhook` is served by the Express lane mounted ahead of Nest's pipeline
 * (webhook-lane.ts); this handler declares it for the OpenAPI document and answers it alike when
 * the lane is not mounted.
 */
@ApiTags('vapi')
@InstantsAsWritten()
@Controller('vapi')
export class VoiceWebhookController {
  constructor(private readonly webhook: VoiceWebhookService) {}

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Vapi server messages: tool calls, end-of-call reports, transfer requests, status updates',
    description:
      'Authenticated by its own secret, not a console token: `Authorization: Bearer <secret>`, `X-Vapi-Secret`, `X-API-Key`, or an HMAC-SHA256 signature ' +
      '(`x-signature` = hex of HMAC(secret, "<x-timestamp>.<raw body>"), optional `sha256=` prefix, timestamp within 5 minutes). The secret is the platform ' +
      "`VAPI_WEBHOOK_SECRET` or the resolved clinic's own webhook secret. Tool calls are answered within 5 s, always 200 (400 when no clinic can be resolved, still with a result per tool call).",
  })
  @ApiHeader({ name: 'x-vapi-secret', required: false, description: 'the webhook secret (one of the accepted credentials)' })
  @ApiBody({ schema: { type: 'object', description: 'Vapi server message `{ "message": { "type", "call", "toolCallList", … } }`', properties: { message: { type: 'object' } } } })
  @ApiOkResponse({ description: 'Answered', schema: RESULTS_SCHEMA })
  @ApiBadRequestResponse({ description: 'Tool calls for a call whose clinic cannot be resolved (body: a result per tool call), or not a Vapi message', schema: RESULTS_SCHEMA })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No accepted webhook secret (missing, wrong, another clinic’s, or a stale signature)' })
  @ApiServiceUnavailableResponse({
    description: 'Only for an end-of-call report that could not be saved (the database failed for about ten seconds): send it again. Tool calls never get it.',
    schema: { type: 'object', properties: { message: { type: 'string', example: 'The call record could not be saved right now; please send the report again.' } } },
  })
  async receive(@Req() request: RawBodyRequest<Request>, @Res({ passthrough: true }) response: Response, @Body() body: unknown): Promise<Record<string, unknown>> {
    const reply = await this.webhook.handle({ body, rawBody: request.rawBody, headers: request.headers, overloaded: isOverloaded(request), receivedAt: Date.now() });
    response.status(reply.status);
    return reply.body;
  }

  @Get('tools')
  @Public()
  @ApiOperation({
    summary: 'The voice tools as Vapi function definitions, ready to paste into an assistant',
    description: 'Generated from the argument classes the webhook validates with (docs/vapi-assistant.md). Public: it holds no secret and no clinic data.',
  })
  @ApiOkResponse({ description: 'One Vapi `function` tool per voice tool', schema: { type: 'array', items: { type: 'object' } } })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Never in practice (no input); listed for completeness' })
  tools(): VapiToolDefinition[] {
    return toolDefinitions();
  }
}
