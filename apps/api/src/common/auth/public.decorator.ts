import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'voicedesk:isPublic';

/** Marks a route as reachable without a console token (it may still have its own auth, e.g. webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
