import type { ServiceHandlers } from './handler.js';

/** SystemInfoWs: liveness and the server clock. No WS-Security. */
export const systemInfoHandlers: ServiceHandlers = {
  isAlive: () => 'alive',
  helloWorld: (_args, ctx) => `Hello World! The server time is ${ctx.state.now().toISO()}`,
  getMaxListReturnSize: () => 5000,
  getServerTime: (_args, ctx) => ctx.state.now(),
  /** Milliseconds, e.g. -25200000 for UTC−7. */
  getServerTimeGmtOffset: (_args, ctx) => ctx.state.now().offset * 60_000,
};
