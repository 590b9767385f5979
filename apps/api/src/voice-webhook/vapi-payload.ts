import { toE164 } from '../../../../libs/shared/src/phone.js';

/**
 * Reading Vapi's server messages (reference/vapi.md): spec and observed shapes both, defensively.
 * Nothing here trusts the LLM: identity comes from `call.customer.number` only.
 */

export interface VapiToolCall {
  /** Vapi's toolCallId, echoed in the reply */
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** the arguments were not a JSON object (a string that does not parse, an array…) */
  unreadableArgs: boolean;
}

export interface VapiEnvelope {
  type: string;
  message: Record<string, unknown>;
  /** `message.call.id` */
  callId: string | null;
  /** caller ID as E.164 (`call.customer.number`, else `message.customer.number`) */
  callerE164: string | null;
  /** the number dialled (ours): `call.phoneNumber.number` or `message.phoneNumber.number` */
  dialledE164: string | null;
  /** `call.phoneNumberId` or `message.phoneNumber.id` */
  phoneNumberId: string | null;
  /** explicit clinic override: `message.metadata`, assistant or `call.assistantOverrides` metadata */
  clinicOverride: string | null;
  toolCalls: VapiToolCall[];
}

type Obj = Record<string, unknown>;

export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Obj)[key];
  }
  return current;
}

export function str(value: unknown, max = 200): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : null;
}

function isObject(value: unknown): value is Obj {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** null when the body is not `{ message: { type } }`. */
export function parseEnvelope(body: unknown): VapiEnvelope | null {
  const message = at(body, 'message');
  const type = str(at(message, 'type'), 100);
  if (!isObject(message) || !type) return null;
  return {
    type,
    message,
    callId: str(at(message, 'call', 'id')),
    callerE164: toE164(str(at(message, 'call', 'customer', 'number'), 40) ?? str(at(message, 'customer', 'number'), 40)),
    dialledE164: toE164(str(at(message, 'call', 'phoneNumber', 'number'), 40) ?? str(at(message, 'phoneNumber', 'number'), 40)),
    phoneNumberId: str(at(message, 'call', 'phoneNumberId')) ?? str(at(message, 'phoneNumber', 'id')),
    clinicOverride:
      str(at(message, 'metadata', 'clinicId'), 100) ??
      str(at(message, 'assistant', 'metadata', 'clinicId'), 100) ??
      str(at(message, 'call', 'assistantOverrides', 'metadata', 'clinicId'), 100) ??
      str(at(message, 'call', 'assistantOverrides', 'variableValues', 'clinicId'), 100),
    toolCalls: type === 'tool-calls' ? toolCallsOf(message) : [],
  };
}

/** `toolCallList` (spec), else `toolCalls` (legacy alias), else each `toolWithToolCallList[].toolCall`. */
function toolCallsOf(message: Obj): VapiToolCall[] {
  const list = Array.isArray(message.toolCallList)
    ? message.toolCallList
    : Array.isArray(message.toolCalls)
      ? message.toolCalls
      : Array.isArray(message.toolWithToolCallList)
        ? message.toolWithToolCallList.map((t) => at(t, 'toolCall'))
        : [];
  return list.filter(isObject).map((tc, index) => {
    const fn = isObject(tc.function) ? tc.function : undefined;
    const name = str(fn?.name, 100) ?? str(tc.name, 100) ?? '';
    const raw = fn ? fn.arguments ?? fn.parameters : tc.parameters ?? tc.arguments;
    const { args, unreadable } = readArguments(raw);
    return { id: str(tc.id) ?? str(tc.toolCallId) ?? `missing-id-${index}`, name, args, unreadableArgs: unreadable };
  });
}

/** Arguments arrive as an object in the webhook, but as a JSON string elsewhere: accept both. */
export function readArguments(raw: unknown): { args: Obj; unreadable: boolean } {
  if (raw === undefined || raw === null || raw === '') return { args: {}, unreadable: false };
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      return isObject(parsed) ? { args: parsed, unreadable: false } : { args: {}, unreadable: true };
    } catch {
      return { args: {}, unreadable: true };
    }
  }
  return isObject(raw) ? { args: raw, unreadable: false } : { args: {}, unreadable: true };
}

/** Epoch ms from an ISO string; null otherwise. */
export function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
