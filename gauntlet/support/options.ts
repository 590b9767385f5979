/**
 * Knobs of `npm run gauntlet` (docs/reliability.md), from the environment. The defaults are the
 * full run of the issue (200 calls over 20 clinics); `GAUNTLET_CALLS=20 GAUNTLET_CLINICS=3
 * GAUNTLET_SECONDS=40` is a ~1-minute run for development.
 */

function number(name: string, fallback: number, min = 0): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, e.g. ${fallback}`);
  return value;
}

export const gauntletOptions = {
  /** GAUNTLET_CALLS: scripted calls, all on the line within the first third of the load */
  calls: Math.floor(number('GAUNTLET_CALLS', 200, 1)),
  /** GAUNTLET_CLINICS: clinics provisioned through the API, one OSCAR provider each */
  clinics: Math.floor(number('GAUNTLET_CLINICS', 20, 1)),
  /** GAUNTLET_SECONDS: length of the load and of the disruption schedule */
  seconds: number('GAUNTLET_SECONDS', 180, 20),
  /** GAUNTLET_SMS_SETTLE_S: longest wait after the load for texts still queued or retrying */
  smsSettleSeconds: number('GAUNTLET_SMS_SETTLE_S', 120),
  /** GAUNTLET_RATIO_SECONDS: length of each get_clinic_info measurement (one replica, then two); 0 skips it */
  ratioSeconds: number('GAUNTLET_RATIO_SECONDS', 10),
  /** GAUNTLET_RATIO_CONNECTIONS: concurrent connections of that measurement */
  ratioConnections: Math.floor(number('GAUNTLET_RATIO_CONNECTIONS', 20, 1)),
  /** GAUNTLET_FUZZ_RUNS: generated payloads of the fuzzing part; 0 skips it */
  fuzzRuns: Math.floor(number('GAUNTLET_FUZZ_RUNS', 10_000)),
  /** GAUNTLET_FUZZ_SEED: fast-check's seed (printed; set it to replay a run) */
  fuzzSeed: Math.floor(number('GAUNTLET_FUZZ_SEED', Date.now() % 2 ** 31)),
  /** GAUNTLET_DEADLINE_MS: the answer time every tool call must beat */
  deadlineMs: number('GAUNTLET_DEADLINE_MS', 5000, 1),
  /** GAUNTLET_FAULTS=0: the load without disruptions (a baseline; the fault checks then say SKIPPED) */
  faults: process.env.GAUNTLET_FAULTS !== '0',
};

export function describeGauntletOptions(): string {
  return Object.entries(gauntletOptions).map(([k, v]) => `${k}=${String(v)}`).join(', ');
}
