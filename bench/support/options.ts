/**
 * Knobs of the benchmarks, from the environment (e.g. `BENCH_REPS=1 npm run bench:slots`).
 * Defaults keep one run of bench:slots under ~10 minutes on a shared 2-core machine.
 */

function numbers(name: string, fallback: number[]): number[] {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`${name} must be a comma-separated list of numbers, e.g. "${fallback.join(',')}"`);
  return values;
}

function number(name: string, fallback: number): number {
  return numbers(name, [fallback])[0];
}

export const benchOptions = {
  /** BENCH_REPS: warm measurements per latency and day (bench:slots); scripted calls (bench:webhook) */
  reps: Math.max(1, number('BENCH_REPS', 2)),
  /** BENCH_LATENCIES: simulator latency (ms) of each pass of bench:slots */
  latencies: numbers('BENCH_LATENCIES', [50, 150]),
  /** BENCH_DAYS: the first free day D of each data file (every slot before it is booked) */
  days: numbers('BENCH_DAYS', [1, 7, 21]),
  /** BENCH_CROWDS: how many callers phone the clinic at the same moment, one figure each */
  crowds: numbers('BENCH_CROWDS', [5, 20, 50, 200]),
  /** BENCH_BOOKING_CROWD: the crowd whose callers then each book their own offer */
  bookingCrowd: number('BENCH_BOOKING_CROWD', 20),
  /** BENCH_REPLICAS: API processes of the replicas figure (fewer than 2: skipped) */
  replicas: number('BENCH_REPLICAS', 2),
  /** BENCH_GAP_S: seconds between a call and the next caller's ("a new call right after another") */
  gapSeconds: number('BENCH_GAP_S', 3),
  /** BENCH_WARM_TIMEOUT_S: longest wait for the schedule cache to say it is warm */
  warmTimeoutSeconds: number('BENCH_WARM_TIMEOUT_S', 90),
  /** BENCH_WARM_FALLBACK_S: fixed wait after the sync when the schedule-cache route does not exist */
  warmFallbackSeconds: number('BENCH_WARM_FALLBACK_S', 10),
  /** BENCH_DURATION_S: seconds of each load measurement of bench:webhook */
  durationSeconds: number('BENCH_DURATION_S', 10),
  /** BENCH_ROUNDS: alternating load measurements of each server (bench:webhook); the best of each is reported */
  rounds: Math.max(1, number('BENCH_ROUNDS', 2)),
  /** BENCH_CONNECTIONS: concurrent connections of bench:webhook's load */
  connections: number('BENCH_CONNECTIONS', 100),
  /** BENCH_SCRIPT_LATENCY_MS: simulator latency of bench:webhook's scripted booking call */
  scriptLatencyMs: number('BENCH_SCRIPT_LATENCY_MS', 50),
};

export function describeOptions(keys: ReadonlyArray<keyof typeof benchOptions>): string {
  return keys.map((key) => `${key}=${String(benchOptions[key])}`).join(', ');
}
