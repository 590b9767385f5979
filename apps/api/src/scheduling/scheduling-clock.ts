/** Optional Nest token: the clock the rules read "now" from (tests pin it to the simulator's today). */
export const SCHEDULING_CLOCK = Symbol('SCHEDULING_CLOCK');

export type SchedulingClock = () => Date;

export const systemClock: SchedulingClock = () => new Date();

/** A phone caller's whole tool call must answer in < 5 s; scheduling gets this much when no deadline is given. */
export const DEFAULT_BUDGET_MS = 4_500;
