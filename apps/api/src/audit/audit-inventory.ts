import type { Application } from 'express';
import type { AuditRouteMetadata } from './audit.decorator.js';
import { auditMetadataOf, isAudited, nestHandlerOf, type MatchedRoute } from './http-audit.js';

export interface AuditedRoute {
  method: string;
  path: string;
  /** `@Audit` on the handler, else the route-pattern table; undefined = recorded as `request.<method>` */
  meta: AuditRouteMetadata | undefined;
}

/**
 * Every mutating controller route the Express app serves and the audit action it records, read
 * from the router itself (what requests actually hit). The route inventory test fails on a route
 * whose action would only be the `request.<method>` fallback.
 */
export function auditedRoutes(app: Application): AuditedRoute[] {
  const router = (app as unknown as { router?: { stack: Array<{ route?: MatchedRoute }> } }).router;
  const out: AuditedRoute[] = [];
  for (const { route } of router?.stack ?? []) {
    if (!route || typeof route.path !== 'string') continue;
    const methods = new Set(route.stack.map((l) => (l.method ?? '').toUpperCase()));
    for (const method of methods) {
      if (!isAudited(method, route.path)) continue;
      const handler = nestHandlerOf(route, method);
      if (handler) out.push({ method, path: route.path, meta: auditMetadataOf(handler, method, route.path) });
    }
  }
  return out;
}
