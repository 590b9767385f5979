import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A problem with the environment that must stop the boot. Names the variable, never its value.
 * `problems` lists every one found (production checks all its secrets before refusing), one line each.
 */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

export interface EncryptionKey {
  /** key id stored as the prefix of every ciphertext, so the master key can rotate */
  kid: string;
  key: Buffer;
}

export interface RateLimitConfig {
  /** requests per minute per signed-in user, or per IP when anonymous */
  generalPerMinute: number;
  /** login/MFA attempts per minute per IP (and refreshes presenting an unknown token) */
  authPerMinute: number;
  /** session renewals (`POST /api/auth/refresh`) per minute per session (refresh-token family) */
  refreshPerMinute: number;
  /** webhook deliveries per minute per clinic (far above real call volume) */
  webhookPerMinute: number;
}

/** The one typed configuration of the API. Built once from the environment by `loadConfig`. */
export interface AppConfig {
  nodeEnv: 'production' | 'development' | 'test';
  isProduction: boolean;
  port: number;
  /** unset → embedded PostgreSQL under `dataDir` */
  databaseUrl: string | undefined;
  /** local state: embedded database, generated secrets, demo credentials */
  dataDir: string;
  /** first entry encrypts; every entry decrypts */
  encryptionKeys: EncryptionKey[];
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  vapiWebhookSecret: string;
  vapiApiKey: string | undefined;
  vapiApiBaseUrl: string;
  telnyxApiKey: string | undefined;
  telnyxBaseUrl: string;
  telnyxPublicKey: string | undefined;
  /** OpenAI: fax extraction for clinics that opted in (docs/fax.md); unset = never used */
  openaiApiKey: string | undefined;
  openaiBaseUrl: string;
  openaiFaxModel: string;
  /** Anthropic: the same, for clinics that chose it */
  anthropicApiKey: string | undefined;
  anthropicBaseUrl: string;
  anthropicFaxModel: string;
  /** Google: the same, for clinics that chose it */
  googleApiKey: string | undefined;
  googleBaseUrl: string;
  googleFaxModel: string;
  oscarSimPort: number;
  oscarSimData: string | undefined;
  /** origins allowed by CORS; empty = closed (the console is served from the same origin) */
  corsOrigins: string[];
  rateLimits: RateLimitConfig;
  /** seconds between the schedule cache's background refresh rounds; 0 = refreshed only when a clinic's EMR data changes */
  scheduleCacheTickSeconds: number;
  logLevel: string;
  /**
   * Backups (`npm run backup`, and a daily run inside the API when `dir` is set): where they go
   * (`BACKUP_DIR`; the commands default to `<dataDir>/backups`) and how many are kept (`BACKUP_KEEP`).
   */
  backup: { dir: string | undefined; keep: number };
  /** directory of the built console (served at `/`); absent → API only */
  consoleDir: string;
  /** bearer token that opens `GET /api/metrics`; unset → the route answers 404 */
  metricsToken: string | undefined;
  /** seconds a stopping replica keeps serving (health answering 503) before it closes its port */
  shutdownDrainSeconds: number;
  /**
   * Notifications also sent by e-mail (title and link only) when `SMTP_URL` is set; unset = off.
   * `from` is `NOTIFY_EMAIL_FROM`; links are made absolute with `PUBLIC_URL` (the console's address).
   */
  notifyEmail: { smtpUrl: string; from: string } | undefined;
  /** the address people open the console at (e-mailed links); default http://localhost:<PORT> */
  publicUrl: string;
}

type Env = Record<string, string | undefined>;

const GENERATED_SECRETS_FILE = 'secrets.json';

function intVar(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function urlVar(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol)) throw new Error('protocol');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  return raw.replace(/\/+$/, '');
}

/** `SMTP_URL` (smtp:// or smtps://, may carry the credentials: never logged) and `NOTIFY_EMAIL_FROM`. */
function notifyEmailVars(env: Env): AppConfig['notifyEmail'] {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  const from = env.NOTIFY_EMAIL_FROM?.trim() || 'VoiceDesk <notifications@voicedesk.local>';
  if (!/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(from)) throw new ConfigError('NOTIFY_EMAIL_FROM must be an e-mail address, e.g. VoiceDesk <alerts@clinic.example>');
  return { smtpUrl, from };
}

/** Decodes a 32-byte key given as base64 or hex; anything else is refused. */
export function decodeKey(name: string, text: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== 32) {
    throw new ConfigError(`${name} must be 32 bytes, written as base64 or hex (or a list kid:key,…)`);
  }
  if (key.every((byte) => byte === key![0])) throw new ConfigError(`${name} is too weak (all bytes equal)`);
  return key;
}

/** `ENCRYPTION_KEY` is one key, or `kid:key,kid:key` where the first encrypts and all decrypt. */
export function parseEncryptionKeys(text: string): EncryptionKey[] {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new ConfigError('ENCRYPTION_KEY is empty');
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const hasKid = colon > 0 && /^[A-Za-z0-9_-]{1,16}$/.test(entry.slice(0, colon));
    const kid = hasKid ? entry.slice(0, colon) : entries.length === 1 ? 'k1' : `k${index + 1}`;
    return { kid, key: decodeKey('ENCRYPTION_KEY', hasKid ? entry.slice(colon + 1) : entry) };
  });
  const kids = new Set(keys.map((k) => k.kid));
  if (kids.size !== keys.length) throw new ConfigError('ENCRYPTION_KEY lists the same key id twice');
  return keys;
}

function checkSecretStrength(name: string, value: string, minBytes: number): void {
  if (Buffer.byteLength(value, 'utf8') < minBytes) {
    throw new ConfigError(`${name} must be at least ${minBytes} bytes long`);
  }
  if (new Set(value).size < 8) throw new ConfigError(`${name} is too weak (too few distinct characters)`);
}

function checkDatabaseUrl(url: string | undefined): void {
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
}

/** Production checks every secret before refusing, so one failed boot names all that must be fixed. */
function checkProductionSecrets(env: Env): void {
  const checks: Array<[name: string, check: (value: string) => void]> = [
    ['ENCRYPTION_KEY', (value) => parseEncryptionKeys(value)],
    ['JWT_SECRET', (value) => checkSecretStrength('JWT_SECRET', value, 32)],
    ['VAPI_WEBHOOK_SECRET', (value) => checkSecretStrength('VAPI_WEBHOOK_SECRET', value, 24)],
    ['DATABASE_URL', checkDatabaseUrl],
  ];
  const problems: string[] = [];
  for (const [name, check] of checks) {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is required when NODE_ENV=production`);
      continue;
    }
    try {
      check(value);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ConfigError(problems);
}

interface GeneratedSecrets {
  ENCRYPTION_KEY?: string;
  JWT_SECRET?: string;
  VAPI_WEBHOOK_SECRET?: string;
}

/** Local runs keep generated secrets in `.data/secrets.json` (mode 0600) so restarts reuse them. */
function localSecrets(dataDir: string, env: Env): GeneratedSecrets {
  const file = join(dataDir, GENERATED_SECRETS_FILE);
  const stored: GeneratedSecrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  const ensure = (name: keyof GeneratedSecrets, make: () => string): void => {
    if (!env[name] && !stored[name]) {
      stored[name] = make();
      changed = true;
    }
  };
  ensure('ENCRYPTION_KEY', () => `k1:${randomBytes(32).toString('base64')}`);
  ensure('JWT_SECRET', () => randomBytes(48).toString('base64url'));
  ensure('VAPI_WEBHOOK_SECRET', () => randomBytes(32).toString('base64url'));
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return stored;
}

/**
 * Builds and validates the configuration. With NODE_ENV=production a missing or weak secret stops
 * the boot with a message naming it; locally, missing secrets are generated into `dataDir`.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['production', 'development', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV must be production, development or test');
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const isProduction = nodeEnv === 'production';
  const dataDir = resolve(cwd, env.VOICEDESK_DATA_DIR || '.data');

  if (isProduction) checkProductionSecrets(env);
  const secrets: GeneratedSecrets = isProduction ? {} : localSecrets(dataDir, env);
  const encryptionKeyText = env.ENCRYPTION_KEY?.trim() || secrets.ENCRYPTION_KEY!;
  const jwtSecret = env.JWT_SECRET?.trim() || secrets.JWT_SECRET!;
  const vapiWebhookSecret = env.VAPI_WEBHOOK_SECRET?.trim() || secrets.VAPI_WEBHOOK_SECRET!;
  checkSecretStrength('JWT_SECRET', jwtSecret, 32);
  checkSecretStrength('VAPI_WEBHOOK_SECRET', vapiWebhookSecret, isProduction ? 24 : 16);

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  checkDatabaseUrl(databaseUrl);
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken) checkSecretStrength('METRICS_TOKEN', metricsToken, 24);
  const port = intVar(env, 'PORT', 3000, 0, 65535);

  return Object.freeze({
    nodeEnv,
    isProduction,
    port,
    databaseUrl,
    dataDir,
    encryptionKeys: parseEncryptionKeys(encryptionKeyText),
    jwtSecret,
    jwtIssuer: env.JWT_ISSUER?.trim() || 'voicedesk',
    jwtAudience: env.JWT_AUDIENCE?.trim() || 'voicedesk-console',
    vapiWebhookSecret,
    vapiApiKey: env.VAPI_API_KEY?.trim() || undefined,
    vapiApiBaseUrl: urlVar(env, 'VAPI_API_BASE_URL', 'https://api.vapi.ai'),
    telnyxApiKey: env.TELNYX_API_KEY?.trim() || undefined,
    telnyxBaseUrl: urlVar(env, 'TELNYX_BASE_URL', 'https://api.telnyx.com/v2'),
    telnyxPublicKey: env.TELNYX_PUBLIC_KEY?.trim() || undefined,
    openaiApiKey: env.OPENAI_API_KEY?.trim() || undefined,
    openaiBaseUrl: urlVar(env, 'OPENAI_BASE_URL', 'https://api.openai.com/v1'),
    openaiFaxModel: env.OPENAI_FAX_MODEL?.trim() || 'gpt-4o-mini',
    anthropicApiKey: env.ANTHROPIC_API_KEY?.trim() || undefined,
    anthropicBaseUrl: urlVar(env, 'ANTHROPIC_BASE_URL', 'https://api.anthropic.com'),
    anthropicFaxModel: env.ANTHROPIC_FAX_MODEL?.trim() || 'claude-haiku-4-5',
    googleApiKey: env.GOOGLE_API_KEY?.trim() || undefined,
    googleBaseUrl: urlVar(env, 'GOOGLE_BASE_URL', 'https://generativelanguage.googleapis.com'),
    googleFaxModel: env.GOOGLE_FAX_MODEL?.trim() || 'gemini-2.5-flash',
    oscarSimPort: intVar(env, 'OSCAR_SIM_PORT', 8091, 0, 65535),
    oscarSimData: env.OSCAR_SIM_DATA?.trim() || undefined,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    rateLimits: {
      generalPerMinute: intVar(env, 'RATE_LIMIT_PER_MINUTE', 100, 1),
      authPerMinute: intVar(env, 'RATE_LIMIT_AUTH_PER_MINUTE', 10, 1),
      refreshPerMinute: intVar(env, 'RATE_LIMIT_REFRESH_PER_MINUTE', 30, 1),
      webhookPerMinute: intVar(env, 'RATE_LIMIT_WEBHOOK_PER_MINUTE', 6000, 1),
    },
    scheduleCacheTickSeconds: intVar(env, 'SCHEDULE_CACHE_TICK_SECONDS', 30, 0, 3600),
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info'),
    backup: {
      dir: env.BACKUP_DIR?.trim() ? resolve(cwd, env.BACKUP_DIR.trim()) : undefined,
      keep: intVar(env, 'BACKUP_KEEP', 14, 1, 3650),
    },
    consoleDir: resolve(cwd, env.CONSOLE_DIR || 'dist/console/browser'),
    metricsToken,
    shutdownDrainSeconds: intVar(env, 'SHUTDOWN_DRAIN_SECONDS', 0, 0, 120),
    notifyEmail: notifyEmailVars(env),
    publicUrl: urlVar(env, 'PUBLIC_URL', `http://localhost:${port || 3000}`),
  });
}

/** Nest injection token for the configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
