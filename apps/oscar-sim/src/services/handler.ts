import type { SimLogin } from '../data/data-file.js';
import type { XsObject } from '../soap/unmarshal.js';
import type { SimState } from '../state/sim-state.js';

export interface CallContext {
  readonly state: SimState;
  /** The authenticated security record (secured services only). */
  readonly login: SimLogin | undefined;
  /** login2's securityTokenKey for a login. */
  tokenFor(login: SimLogin): string;
  readonly refuseCredentials: boolean;
  readonly badPasswordDelayMs: number;
}

/** Returns the value of the response's `return` element(s), or null/undefined for an empty wrapper. */
export type OperationHandler = (args: XsObject, ctx: CallContext) => unknown;

export type ServiceHandlers = Readonly<Record<string, OperationHandler>>;

export function requireLogin(ctx: CallContext): SimLogin {
  if (!ctx.login) throw new Error('secured operation called without an authenticated login');
  return ctx.login;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
