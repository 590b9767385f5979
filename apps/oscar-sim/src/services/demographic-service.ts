import type { DateTime } from 'luxon';
import type { SimDemographic } from '../data/data-file.js';
import { GENERIC_SERVER_FAULT, serverFault } from '../soap/fault.js';
import type { XsObject } from '../soap/unmarshal.js';
import { type CallContext, type OperationHandler, type ServiceHandlers, requireLogin } from './handler.js';
import { type AttributeSearch, hasAnyCriterion, matchesAttributes, matchesName, page } from './demographic-search.js';
import { lastUpdateDate, toDemographicTransfer } from './transfers.js';

/** Every demographic read needs the `_demographic` read privilege. */
function withPrivilege(handler: OperationHandler): OperationHandler {
  return (args, ctx) => {
    if (requireLogin(ctx).demographicAccess === false) throw serverFault('missing required security object (_demographic)');
    return handler(args, ctx);
  };
}

const charts = (ctx: CallContext): SimDemographic[] => [...ctx.state.demographics.values()];
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function getOne(args: XsObject, ctx: CallContext): SimDemographic | undefined {
  return typeof args.arg0 === 'number' ? ctx.state.demographics.get(args.arg0) : undefined;
}

const handlers: Record<string, OperationHandler> = {
  getDemographic: (args, ctx) => {
    const chart = getOne(args, ctx);
    return chart ? toDemographicTransfer(chart, ctx.state) : null;
  },
  getDemographic2: (args, ctx) => {
    const chart = getOne(args, ctx);
    return chart ? toDemographicTransfer(chart, ctx.state) : null;
  },
  getDemographics: (args, ctx) => {
    const ids = new Set((args.arg0 as unknown[]).filter((v): v is number => typeof v === 'number'));
    return charts(ctx).filter((d) => ids.has(d.demographicNo)).map((d) => toDemographicTransfer(d, ctx.state));
  },
  searchDemographicByName: (args, ctx) => {
    const search = str(args.arg0);
    if (search === null) throw serverFault(GENERIC_SERVER_FAULT);
    const found = charts(ctx).filter(matchesName(search));
    return page(found, num(args.arg1), num(args.arg2)).map((d) => toDemographicTransfer(d, ctx.state));
  },
  searchDemographicsByAttributes: (args, ctx) => {
    const query: AttributeSearch = {
      hin: str(args.arg0), firstName: str(args.arg1), lastName: str(args.arg2), gender: str(args.arg3),
      dateOfBirth: (args.arg4 as DateTime | undefined) ?? null, city: str(args.arg5), province: str(args.arg6),
      phone: str(args.arg7), email: str(args.arg8), alias: str(args.arg9),
    };
    if (!hasAnyCriterion(query)) throw serverFault('at least one parameter must be present');
    const found = charts(ctx).filter(matchesAttributes(query));
    return page(found, num(args.arg10), num(args.arg11)).map((d) => toDemographicTransfer(d, ctx.state));
  },
  getActiveDemographicsAfter: (args, ctx) => activeAfter(args, ctx),
  getActiveDemographicsAfter2: (args, ctx) => activeAfter(args, ctx),
  getDemographicByMyOscarUserName: () => null,
  getConsentedDemographicIdsAfter: () => [],
  getAdmittedDemographicIdsByProgramProvider: () => [],
  getDemographicIdsWithMyOscarAccounts: () => [],
  isPhrVerifiedToSendMessages: () => false,
  isPhrVerifiedToSendMedicalData: () => false,
  getLatestPhrVerificationByDemographic: () => null,
  writePHRId: () => null,
};

function activeAfter(args: XsObject, ctx: CallContext): unknown[] {
  const after = args.lastUpdate as DateTime | undefined;
  const updated = lastUpdateDate(ctx.state);
  if (after && updated.toMillis() <= after.toMillis()) return [];
  return charts(ctx)
    .filter((d) => (d.patientStatus ?? 'AC') === 'AC')
    .map((d) => toDemographicTransfer(d, ctx.state));
}

export const demographicHandlers: ServiceHandlers = Object.fromEntries(
  Object.entries(handlers).map(([name, handler]) => [name, withPrivilege(handler)]),
);
