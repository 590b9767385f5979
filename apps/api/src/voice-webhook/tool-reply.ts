import { DomainError, type DomainErrorCode } from '../common/errors/domain-error.js';
import type { Lang, PhraseKey } from './speech.js';
import { say } from './speech.js';

/** What the agent should do next (SPEC §4.2). */
export type NextStep = 'retry' | 'search_again' | 'ask_dob' | 'offer_registration' | 'offer_waitlist' | 'ask_repeat' | 'transfer' | 'none';

/** The closed list of tool error codes (SPEC §4.2; docs/vapi-assistant.md says what the agent does for each). */
export type ToolErrorCode =
  | 'INVALID_ARGUMENTS'
  | 'UNKNOWN_TOOL'
  | 'NEEDS_DOB'
  | 'NOT_PERMITTED'
  | 'SLOT_TAKEN'
  | 'DAILY_LIMIT'
  | 'TOO_LATE_TO_CHANGE'
  | 'NOT_ACCEPTING'
  | 'INVALID_HEALTH_NUMBER'
  | 'EMR_UNAVAILABLE'
  | 'CLINIC_OFFLINE'
  | 'NO_TRANSFER_NUMBER'
  | 'BUSY';

const DOMAIN_CODE: Record<ToolErrorCode, DomainErrorCode> = {
  INVALID_ARGUMENTS: 'INVALID',
  UNKNOWN_TOOL: 'INVALID',
  NEEDS_DOB: 'FORBIDDEN',
  NOT_PERMITTED: 'FORBIDDEN',
  SLOT_TAKEN: 'CONFLICT',
  DAILY_LIMIT: 'CONFLICT',
  TOO_LATE_TO_CHANGE: 'CONFLICT',
  NOT_ACCEPTING: 'CONFLICT',
  INVALID_HEALTH_NUMBER: 'INVALID',
  EMR_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  CLINIC_OFFLINE: 'NOT_SUPPORTED',
  NO_TRANSFER_NUMBER: 'NOT_SUPPORTED',
  BUSY: 'TOO_MANY_REQUESTS',
};

/** A tool could not do its job: a code, a sentence in the caller's language, and what to do next. */
export class ToolError extends DomainError {
  constructor(
    readonly toolCode: ToolErrorCode,
    readonly say: string,
    readonly next: NextStep,
    /** facts for the agent (e.g. `alternatives` of SLOT_TAKEN, `fields` of INVALID_ARGUMENTS) */
    readonly facts: Record<string, unknown> = {},
  ) {
    super(DOMAIN_CODE[toolCode], `voice tool error ${toolCode}`);
  }
}

export function toolError(lang: Lang, code: ToolErrorCode, phrase: PhraseKey, next: NextStep, facts: Record<string, unknown> = {}, params: Record<string, string | number> = {}): ToolError {
  return new ToolError(code, say(lang, phrase, params), next, facts);
}

/** One entry of Vapi's `results`: `result` or `error`, each a single-line compact JSON string. */
export interface ToolAnswer {
  result?: string;
  error?: string;
}

export interface ToolResultEntry extends ToolAnswer {
  name: string;
  toolCallId: string;
}

/** A tool that did its job (including a search that found nothing: then with `next`). */
export function resultAnswer(facts: Record<string, unknown> & { say: string; next?: NextStep }): ToolAnswer {
  return { result: JSON.stringify({ ...facts, next: facts.next ?? 'none' }) };
}

export function errorAnswer(error: ToolError): ToolAnswer {
  return { error: JSON.stringify({ code: error.toolCode, ...error.facts, say: error.say, next: error.next }) };
}

/** The code of an answer (for logs: never the text). */
export function answerCode(answer: ToolAnswer): string {
  if (answer.result !== undefined) return 'OK';
  try {
    return String((JSON.parse(answer.error ?? '{}') as { code?: unknown }).code ?? 'ERROR');
  } catch {
    return 'ERROR';
  }
}
