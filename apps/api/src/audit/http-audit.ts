import { METHOD_METADATA } from '@nestjs/common/constants.js';
import type { Request, Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user.js';
import { UserRole } from '../database/enums.js';
import { ANONYMOUS_ACTOR, type AuditActor, type AuditEvent } from './audit-event.builder.js';
import { actionForRoute } from './audit-route-actions.js';
import { AUDIT_METADATA, type AuditRouteMetadata } from './audit.decorator.js';
import { AuditOutcome, MUTATING_METHODS, fallbackAction, outcomeForStatus } from './audit-vocabulary.js';

/**
 * From an HTTP request to an audit event. Runs when the response has finished, so it sees every
 * answer — including the ones guards gave before any interceptor ran (401/403/404/429) — and
 * reads the route's `@Audit` action from the handler Express matched (Nest copies a handler's
 * metadata onto the function it registers with the router).
 */

/** Webhook deliveries are recorded as calls and messages, never as audit rows (SPEC §9). */
const NOT_AUDITED = /^\/api\/(vapi|telnyx)(\/|$)/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a handler (or the audit interceptor) adds to the request's audit row. */
export interface AuditAnnotations {
  /** the actor of a route that signs someone in (there is no `request.user` yet) */
  actor?: AuditActor;
  resourceId?: string;
  clinicId?: string;
  /** class name of the error a handler threw (never its message) */
  errorName?: string;
  /** the handler answered 2xx but what it was asked to do failed (a connection test that did not pass) */
  failed?: boolean;
}

const ANNOTATIONS = Symbol('voicedesk.audit');
type Annotated = Request & { [ANNOTATIONS]?: AuditAnnotations; user?: AuthUser; id?: unknown };

/** Adds facts to the audit row of this request; first value wins for each field. */
export function annotateAudit(request: Request, annotations: AuditAnnotations): void {
  const req = request as Annotated;
  const current = req[ANNOTATIONS] ?? {};
  const merged: AuditAnnotations = { ...current };
  for (const [key, value] of Object.entries(annotations) as [keyof AuditAnnotations, never][]) {
    if (value !== undefined && merged[key] === undefined) merged[key] = value;
  }
  req[ANNOTATIONS] = merged;
}

export function isAudited(method: string, path: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase()) && !NOT_AUDITED.test(path);
}

export interface MatchedRoute {
  path: unknown;
  stack: Array<{ method?: string; handle: Function }>;
}

/**
 * The Nest handler of an Express route for this method, or undefined when the route is a
 * middleware mount (Nest registers middleware as routes too, e.g. `/api/*path`). Nest copies a
 * handler's metadata — `method` from `@Post()` & co., `@Audit` — onto the function it registers.
 */
export function nestHandlerOf(route: MatchedRoute, method: string): Function | undefined {
  const lower = method.toLowerCase();
  return route.stack?.find((l) => (l.method === lower || l.method === undefined) && Reflect.hasMetadata(METHOD_METADATA, l.handle))
    ?.handle;
}

/** `@Audit` on the handler, else the route-pattern table (audit-route-actions.ts). */
export function auditMetadataOf(handler: Function, method: string, pattern: string): AuditRouteMetadata | undefined {
  return (Reflect.getMetadata(AUDIT_METADATA, handler) as AuditRouteMetadata | undefined) ?? actionForRoute(method, pattern);
}

/** The route handler Express matched and its audit metadata; undefined when no controller route matched. */
export function matchedRoute(request: Request): { pattern: string; meta?: AuditRouteMetadata } | undefined {
  const route = (request as Request & { route?: MatchedRoute }).route;
  if (!route || typeof route.path !== 'string') return undefined;
  const handler = nestHandlerOf(route, request.method);
  if (!handler) return undefined;
  return { pattern: route.path, meta: auditMetadataOf(handler, request.method, route.path) };
}

/** `/api/clinics/:clinicId/holidays/:id` → `clinics/holidays` */
export function resourceOf(pattern: string): string {
  const parts = pattern
    .replace(/^\/api(\/|$)/, '/')
    .split('/')
    .filter((part) => part && !part.startsWith(':') && !part.startsWith('*') && !part.startsWith('{'));
  return parts.join('/') || 'root';
}

/** The id the route acts on: its last path parameter other than the clinic, else the clinic itself. */
export function resourceIdOf(pattern: string, params: Record<string, unknown>): string | undefined {
  const names = [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const own = names.filter((name) => name !== 'clinicId');
  const name = own.length ? own[own.length - 1] : pattern.endsWith(':clinicId') ? 'clinicId' : undefined;
  const value = name ? params[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function actorOf(req: Annotated): AuditActor {
  const user = req.user;
  if (user && typeof user.id === 'string') return { type: 'user', id: user.id, email: user.email };
  return req[ANNOTATIONS]?.actor ?? ANONYMOUS_ACTOR;
}

function stringField(value: unknown, key: string): string | undefined {
  const field = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

function nonEmpty(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return undefined;
  return value;
}

/**
 * The audit event of a finished (or abandoned) request, or undefined when it is not audited:
 * reads, webhook deliveries, and paths that match no route (they reach no handler and change
 * nothing; the request log has them).
 */
export function httpAuditEvent(request: Request, response: Response, finished = true): AuditEvent | undefined {
  const req = request as Annotated;
  const path = (req.originalUrl ?? req.url).split('?')[0];
  if (!isAudited(req.method, path)) return undefined;
  const route = matchedRoute(req);
  if (!route) return undefined;

  const annotations = req[ANNOTATIONS] ?? {};
  const params = (req.params ?? {}) as Record<string, unknown>;
  const statusCode = finished ? response.statusCode : null;
  let outcome = statusCode === null ? AuditOutcome.Failure : outcomeForStatus(statusCode);
  if (outcome === AuditOutcome.Success && annotations.failed) outcome = AuditOutcome.Failure;
  const routeClinicId = typeof params.clinicId === 'string' ? params.clinicId : undefined;
  const user = req.user;
  // a manager reaching another clinic is answered 404 like a missing clinic; the trail says what it was
  if (
    statusCode === 404 &&
    user?.role === UserRole.ClinicManager &&
    routeClinicId !== undefined &&
    UUID.test(routeClinicId) &&
    routeClinicId.toLowerCase() !== user.clinicId?.toLowerCase()
  ) {
    outcome = AuditOutcome.Denied;
  }
  const meta = route.meta;
  const action =
    outcome !== AuditOutcome.Success && meta?.onFailure ? meta.onFailure : (meta?.action ?? fallbackAction(req.method));
  const resource = meta?.resource ?? resourceOf(route.pattern);
  const resourceId = resourceIdOf(route.pattern, params) ?? annotations.resourceId;
  // the clinic the request concerned: the route's, else what the handler said, else a created clinic,
  // else (once the request succeeded, so the service accepted it) a clinicId in the body, else the manager's own
  const bodyClinicId = outcome === AuditOutcome.Success ? stringField(req.body, 'clinicId') : undefined;
  const clinicId =
    routeClinicId ??
    annotations.clinicId ??
    (resource === 'clinics' ? resourceId : undefined) ??
    bodyClinicId ??
    user?.clinicId ??
    undefined;

  return {
    action,
    outcome,
    actor: actorOf(req),
    resource,
    resourceId,
    clinicId,
    statusCode,
    http: { method: req.method, path, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
    details: {
      body: nonEmpty(req.body),
      params: nonEmpty(params),
      query: nonEmpty(req.query),
      requestId: typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined,
      error: annotations.errorName,
      clientClosed: finished ? undefined : true,
    },
  };
}
