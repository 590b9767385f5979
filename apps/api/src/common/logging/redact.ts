/**
 * The one redaction layer for logs and stored request bodies: keys that name a secret or PHI lose
 * their value, and free text loses anything shaped like PHI (emails, phone numbers, health
 * numbers, dates, postal codes). Used by the logger, the error filter and the audit trail.
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets: never kept anywhere. */
const SECRET_KEY =
  /pass(word)?|secret|token|api[-_]?key|authorization|cookie|signature|credential|private[-_]?key|mfa[-_]?code|otp|^code$|backup[-_]?codes?|_enc$|enc$/i;

/** Keys whose values are personal health information or identify a person. */
const PHI_KEY = new RegExp(
  [
    'name$', '^name', 'first[-_]?name', 'last[-_]?name', 'full[-_]?name', 'patient', 'caller',
    'birth', 'dob', 'gender', 'sex$',
    'phone', 'mobile', 'fax[-_]?number', '^to$', '^from$', 'number$',
    'hin', 'phn', 'health[-_]?card', 'health[-_]?number', 'insurance',
    'address', 'street', 'city', 'postal', 'zip',
    'e[-_]?mail',
    'transcript', 'summary', 'messages', 'notes?$', 'reason', 'content', 'body$', 'text$',
    'details', 'extracted', 'demographic(s)?$',
  ].join('|'),
  'i',
);

/** Keys that look like PHI keys but carry no PHI (ids, names of things that are not people). */
const SAFE_KEY = /^(id|clinicId|userId|requestId|reqId|statusCode|method|url|path|route|action|resource|resourceId|outcome|level|time|pid|hostname|msg|err|type|stack|responseTime|operationName|toolName|tool|clinicName|serviceName|hostName|fileName|eventName)$/i;

const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/Bearer\s+[A-Za-z0-9\-._~+/]+=*/g, 'Bearer [REDACTED]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[JWT]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[EMAIL]'],
  // dates of birth and other calendar dates (ISO, slashed)
  [/\b(19|20)\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b/g, '[DATE]'],
  [/\b(0?[1-9]|[12]\d|3[01])[-/.](0?[1-9]|1[0-2])[-/.](19|20)\d{2}\b/g, '[DATE]'],
  // phone numbers: +1 604 555 0142, (604) 555-0142, 604.555.0142, 6045550142
  [/(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/g, '[PHONE]'],
  // health numbers: 9-12 digit runs (BC PHN is 10 digits); spaced forms "9876 543 218"
  [/\b\d{4}\s\d{3}\s\d{3}\b/g, '[HEALTH_NUMBER]'],
  [/\b\d{9,12}\b/g, '[NUMBER]'],
  // Canadian postal codes
  [/\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi, '[POSTAL]'],
];

/** Ids (row ids in paths, resource ids, clinic ids) are not PHI, though their digits can look like a phone number. */
const UUID_IN_TEXT = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

function scrubFragment(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Removes PHI-shaped fragments from free text (log messages, error messages, URLs); UUIDs stay whole. */
export function scrubText(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(UUID_IN_TEXT)) {
    out += scrubFragment(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + scrubFragment(text.slice(from));
}

function keyKind(key: string): 'secret' | 'phi' | 'plain' {
  if (SECRET_KEY.test(key)) return 'secret';
  if (SAFE_KEY.test(key)) return 'plain';
  if (PHI_KEY.test(key)) return 'phi';
  return 'plain';
}

/**
 * Deep copy of `value` with secret and PHI values replaced and free text scrubbed.
 * Cycles and very deep structures are cut rather than followed.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (typeof value !== 'object') return undefined;
  if (depth > 8) return '[DEEP]';
  if (seen.has(value)) return '[CIRCULAR]';
  seen.add(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (value instanceof Error) return redactError(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const kind = keyKind(key);
    if (kind !== 'plain' && item !== null && item !== undefined && item !== '') out[key] = REDACTED;
    else out[key] = redactValue(item, depth + 1, seen);
  }
  return out;
}

/** An error as a log-safe object: type, scrubbed message and stack, code. */
export function redactError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrubText(error.message ?? ''),
    stack: error.stack ? scrubText(error.stack) : undefined,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
  };
}

/** A URL with its query values scrubbed (paths keep ids, which are not PHI). */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (!query) return scrubText(path);
  const params = new URLSearchParams(query);
  const kept = [...params.entries()].map(
    ([key, value]) => `${encodeURIComponent(key)}=${keyKind(key) === 'plain' ? encodeURIComponent(scrubText(value)) : REDACTED}`,
  );
  return `${scrubText(path)}?${kept.join('&')}`;
}
