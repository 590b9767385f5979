import type { SimProvider } from '../data/data-file.js';
import { type ServiceHandlers, requireLogin } from './handler.js';
import { toProviderTransfer } from './transfers.js';

/** ORDER BY lastName under MySQL's case-insensitive collation. */
function byLastName(a: SimProvider, b: SimProvider): number {
  const x = a.lastName.toLowerCase();
  const y = b.lastName.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Everyone when `active` is null; status "1" for true and "0" for false. Ordered by lastName. */
function listProviders(providers: readonly SimProvider[], active: unknown): unknown[] {
  const wanted = active === true ? '1' : active === false ? '0' : null;
  return providers
    .filter((p) => wanted === null || (p.status ?? '1') === wanted)
    .sort(byLastName)
    .map(toProviderTransfer);
}

export const providerHandlers: ServiceHandlers = {
  getProviders2: (args, ctx) => listProviders(ctx.state.providers, args.arg0 ?? null),
  getProviders: (args, ctx) => listProviders(ctx.state.providers, args.arg0),
  getLoggedInProviderTransfer: (_args, ctx) => {
    const provider = ctx.state.provider(requireLogin(ctx).providerNo);
    return provider ? toProviderTransfer(provider) : null;
  },
  getProviderProperties: (args, ctx) => {
    const provider = ctx.state.provider(typeof args.arg0 === 'string' ? args.arg0 : null);
    const entries = Object.entries(provider?.properties ?? {});
    return entries
      .map(([name, value], i) => ({ id: i + 1, name, value }))
      .filter((p) => args.arg1 === undefined || args.arg1 === null || p.name === args.arg1);
  },
};
