import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditService } from './audit.service.js';
import { isAudited } from './http-audit.js';

/**
 * Hooks every mutating request before routing, and records it when the response has gone out.
 * Guards run before interceptors and throw before any of them sees the request, so a
 * response-finished hook is the one place that sees refused requests (401/403/404/429) as well
 * as successful and failed ones. A client that hangs up early is recorded too (`clientClosed`).
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(private readonly audit: AuditService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (isAudited(req.method, (req.originalUrl ?? req.url).split('?')[0])) {
      let recorded = false;
      const record = () => {
        if (recorded) return;
        recorded = true;
        this.audit.recordHttp(req, res, res.writableFinished);
      };
      res.once('finish', record);
      res.once('close', record);
    }
    next();
  }
}
