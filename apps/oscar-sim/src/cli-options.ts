import { faultRuleFromEnv } from './faults/fault-rules.js';
import type { StartOscarSimOptions } from './index.js';

export const DEFAULT_SIM_PORT = 8091;

/** `npm run sim` options from the environment: OSCAR_SIM_PORT, OSCAR_SIM_HOST, OSCAR_SIM_DATA, OSCAR_SIM_* knobs. */
export function simOptionsFromEnv(env: NodeJS.ProcessEnv): StartOscarSimOptions {
  const rule = faultRuleFromEnv(env);
  return {
    port: env.OSCAR_SIM_PORT ? Number(env.OSCAR_SIM_PORT) : DEFAULT_SIM_PORT,
    host: env.OSCAR_SIM_HOST || '127.0.0.1',
    dataFile: env.OSCAR_SIM_DATA || undefined,
    faultRules: rule ? [rule] : [],
    badPasswordDelayMs: env.OSCAR_SIM_BAD_PASSWORD_DELAY_MS ? Number(env.OSCAR_SIM_BAD_PASSWORD_DELAY_MS) : undefined,
  };
}
