/**
 * Fault knobs. A rule applies to every SOAP call, or only to one service / operation
 * (`operation: "wsdl"` targets the ?wsdl documents). Matching rules are merged in order, later
 * keys winning. Rates are probabilities in [0, 1].
 */
export interface FaultRule {
  id?: string;
  service?: string;
  operation?: string;
  /** Added before answering: latencyMs + a uniform random share of jitterMs. */
  latencyMs?: number;
  jitterMs?: number;
  /** A soap:Server fault (HTTP 500), faultstring `errorMessage` or CXF's generic text. */
  errorRate?: number;
  errorMessage?: string;
  /** A bare HTTP 500 with Tomcat's HTML error page (no SOAP envelope). */
  http500Rate?: number;
  /** HTTP 200 with a truncated, unparseable XML body (the operation did run). */
  malformedRate?: number;
  /** Never answer (the socket stays open until the client gives up). */
  hangRate?: number;
  /** Destroy the connection without an answer (ECONNRESET at the client). */
  resetRate?: number;
  /** Every credential fails (WS-Security FailedAuthentication, login2 NotAuthorisedException). */
  refuseCredentials?: boolean;
  /** Run the operation first, then fail (error, http500, hang, reset): the change is made but the answer lost. */
  afterEffect?: boolean;
  /** Apply to the next N matching calls only, then remove the rule. */
  times?: number;
}

export type FaultAction = 'none' | 'soapFault' | 'http500' | 'malformed' | 'hang' | 'reset';

export interface FaultPlan {
  delayMs: number;
  action: FaultAction;
  afterEffect: boolean;
  refuseCredentials: boolean;
  errorMessage?: string;
}

const NUMBER_KEYS = ['latencyMs', 'jitterMs', 'errorRate', 'http500Rate', 'malformedRate', 'hangRate', 'resetRate', 'times'] as const;
const RATE_KEYS = ['errorRate', 'http500Rate', 'malformedRate', 'hangRate', 'resetRate'] as const;
const STRING_KEYS = ['id', 'service', 'operation', 'errorMessage'] as const;
const BOOLEAN_KEYS = ['refuseCredentials', 'afterEffect'] as const;
const ALL_KEYS = new Set<string>([...NUMBER_KEYS, ...STRING_KEYS, ...BOOLEAN_KEYS]);

/** Validates a rule from JSON; throws an Error naming the bad keys. */
export function parseFaultRule(input: unknown): FaultRule {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('a fault rule must be a JSON object');
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!ALL_KEYS.has(key)) problems.push(`unknown key "${key}"`);
    else if ((NUMBER_KEYS as readonly string[]).includes(key) && (typeof value !== 'number' || value < 0)) problems.push(`${key} must be a number >= 0`);
    else if ((RATE_KEYS as readonly string[]).includes(key) && (value as number) > 1) problems.push(`${key} must be between 0 and 1`);
    else if ((STRING_KEYS as readonly string[]).includes(key) && typeof value !== 'string') problems.push(`${key} must be a string`);
    else if ((BOOLEAN_KEYS as readonly string[]).includes(key) && typeof value !== 'boolean') problems.push(`${key} must be a boolean`);
  }
  if (problems.length) throw new Error(problems.join('; '));
  return { ...(input as FaultRule) };
}

/** Knobs from the environment: one rule, optionally scoped by OSCAR_SIM_FAULT_SCOPE=Service[.operation]. */
export function faultRuleFromEnv(env: NodeJS.ProcessEnv): FaultRule | undefined {
  const rule: FaultRule = {};
  const number = (name: string, key: (typeof NUMBER_KEYS)[number]) => {
    const raw = env[name];
    if (raw !== undefined && raw !== '') rule[key] = Number(raw);
  };
  number('OSCAR_SIM_LATENCY_MS', 'latencyMs');
  number('OSCAR_SIM_JITTER_MS', 'jitterMs');
  number('OSCAR_SIM_ERROR_RATE', 'errorRate');
  number('OSCAR_SIM_HTTP500_RATE', 'http500Rate');
  number('OSCAR_SIM_MALFORMED_RATE', 'malformedRate');
  number('OSCAR_SIM_HANG_RATE', 'hangRate');
  number('OSCAR_SIM_RESET_RATE', 'resetRate');
  if (['1', 'true', 'yes'].includes((env.OSCAR_SIM_REFUSE_CREDENTIALS ?? '').toLowerCase())) rule.refuseCredentials = true;
  if (Object.keys(rule).length === 0) return undefined;
  const [service, operation] = (env.OSCAR_SIM_FAULT_SCOPE ?? '').split('.');
  if (service) rule.service = service;
  if (operation) rule.operation = operation;
  return parseFaultRule({ id: 'env', ...rule });
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  injected = 0;

  constructor(private readonly random: () => number = Math.random) {}

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  add(rule: FaultRule): FaultRule {
    const stored = { ...rule, id: rule.id ?? `rule-${this.nextId++}` };
    this.rules.push(stored);
    return { ...stored };
  }

  replace(rules: FaultRule[]): void {
    this.rules = [];
    for (const rule of rules) this.add(rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Decides what happens to one call; consumes `times` of the rules that matched. */
  plan(service: string, operation: string): FaultPlan {
    const matching = this.rules.filter((r) => matches(r, service, operation));
    const merged: FaultRule = Object.assign({}, ...matching);
    for (const rule of matching) {
      if (rule.times === undefined) continue;
      rule.times -= 1;
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    const roll = (rate: number | undefined) => !!rate && this.random() < rate;
    let action: FaultAction = 'none';
    if (roll(merged.hangRate)) action = 'hang';
    else if (roll(merged.resetRate)) action = 'reset';
    else if (roll(merged.http500Rate)) action = 'http500';
    else if (roll(merged.errorRate)) action = 'soapFault';
    else if (roll(merged.malformedRate)) action = 'malformed';
    if (action !== 'none') this.injected += 1;
    return {
      delayMs: (merged.latencyMs ?? 0) + (merged.jitterMs ? this.random() * merged.jitterMs : 0),
      action,
      afterEffect: merged.afterEffect === true || action === 'malformed',
      refuseCredentials: merged.refuseCredentials === true,
      errorMessage: merged.errorMessage,
    };
  }
}

function matches(rule: FaultRule, service: string, operation: string): boolean {
  if (rule.service && rule.service !== service) return false;
  if (operation === 'wsdl') return rule.operation === 'wsdl';
  return !rule.operation || rule.operation === operation;
}
