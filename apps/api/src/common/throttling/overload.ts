import type { Request } from 'express';

/**
 * Set on a Vapi `tool-calls` delivery that went over the webhook rate limit. Such a delivery is
 * never answered 429 (SPEC §4): a caller is waiting on the line, and Vapi would read a 429 as a
 * broken tool. The guard lets it through with this flag instead, and the webhook controller must
 * answer every tool call of it 200 with an `error` result of code `BUSY` and a sentence the agent
 * can say ("one moment…"), doing no EMR work:
 *
 * ```ts
 * if (isOverloaded(request)) return busyResults(body.message.toolCallList);
 * ```
 */
export const OVERLOADED_FLAG = 'voicedeskOverloaded';

export type OverloadFlaggedRequest = Request & { [OVERLOADED_FLAG]?: boolean };

export function markOverloaded(request: Request): void {
  (request as OverloadFlaggedRequest)[OVERLOADED_FLAG] = true;
}

export function isOverloaded(request: Request): boolean {
  return (request as OverloadFlaggedRequest)[OVERLOADED_FLAG] === true;
}
