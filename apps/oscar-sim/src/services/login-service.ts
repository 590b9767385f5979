import type { SimLogin } from '../data/data-file.js';
import { notAuthorised } from '../soap/fault.js';
import type { XsObject } from '../soap/unmarshal.js';
import { type CallContext, type ServiceHandlers, sleep } from './handler.js';
import { toProviderTransfer } from './transfers.js';

/** LoginWs: userName + password (or a valid token) → security id and token. No WS-Security. */
async function authenticate(args: XsObject, ctx: CallContext): Promise<SimLogin> {
  const userName = typeof args.arg0 === 'string' ? args.arg0 : null;
  const password = typeof args.arg1 === 'string' ? args.arg1 : null;
  const login = [...ctx.state.logins.values()].find((l) => l.userName === userName);
  const expired = !!login?.expireDate && login.expireDate < ctx.state.today;
  if (!login || expired || ctx.refuseCredentials) throw notAuthorised();
  if (password !== login.password && password !== ctx.tokenFor(login)) {
    await sleep(ctx.badPasswordDelayMs);
    throw notAuthorised();
  }
  return login;
}

export const loginHandlers: ServiceHandlers = {
  async login(args, ctx) {
    const login = await authenticate(args, ctx);
    return { securityId: login.securityNo, securityTokenKey: ctx.tokenFor(login) };
  },
  async login2(args, ctx) {
    const login = await authenticate(args, ctx);
    const provider = ctx.state.provider(login.providerNo);
    return {
      provider: provider ? toProviderTransfer(provider) : null,
      securityId: login.securityNo,
      securityTokenKey: ctx.tokenFor(login),
    };
  },
};
