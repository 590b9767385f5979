import { Controller, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { TelnyxWebhookService } from './telnyx-webhook.service.js';
import { InstantsAsWritten } from '../common/time/clinic-instants.interceptor.js';

/** Telnyx's webhook URL (thin: TelnyxWebhookService verifies and dispatches). */
@ApiTags('telnyx')
@InstantsAsWritten()
@Controller('telnyx')
export class TelnyxWebhookController {
  constructor(private readonly webhooks: TelnyxWebhookService) {}

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Telnyx events: inbound SMS (STOP/START), delivery receipts, inbound faxes (fax.received)',
    description:
      'Authenticated by its own Ed25519 signature, not a console token: `telnyx-signature-ed25519` (base64) over `"<telnyx-timestamp>|<raw body>"`, ' +
      'checked with `TELNYX_PUBLIC_KEY`, timestamp within 5 minutes. Unknown event types are answered 200 and ignored. See docs/sms.md.',
  })
  @ApiHeader({ name: 'telnyx-signature-ed25519', required: true, description: 'base64 Ed25519 signature of `timestamp|body`' })
  @ApiHeader({ name: 'telnyx-timestamp', required: true, description: 'Unix time in seconds' })
  @ApiBody({ schema: { type: 'object', description: 'Telnyx event envelope `{ "data": { "id", "event_type", "occurred_at", "payload" }, "meta" }`', properties: { data: { type: 'object' } } } })
  @ApiOkResponse({
    description: 'Accepted (processed, a duplicate, or ignored)',
    schema: { type: 'object', properties: { eventType: { type: 'string', nullable: true, example: 'message.finalized' }, outcome: { type: 'string', enum: ['processed', 'duplicate', 'ignored'] } } },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A correctly signed body that is not a Telnyx event' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, wrong or stale signature, or TELNYX_PUBLIC_KEY not configured' })
  receive(@Req() request: RawBodyRequest<Request>) {
    return this.webhooks.handle(request.rawBody, request.headers);
  }
}
