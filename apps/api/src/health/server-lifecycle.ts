import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/**
 * A replica's lifecycle as a load balancer sees it. Serving, then — from `beginDrain()` (SIGTERM) —
 * draining: `/api/health` answers 503, every response carries `Connection: close` (responses
 * already being written when the drain began close their connection once sent), and `closeHttp`
 * stops accepting connections and resolves once the requests in flight are answered.
 */
@Injectable()
export class ServerLifecycle {
  private readonly inFlight = new Set<Response>();
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests being answered right now. */
  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Express middleware, mounted before every route (the webhook lane included). */
  readonly track = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.draining) response.setHeader('Connection', 'close');
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
    next();
  };

  beginDrain(): void {
    if (this.draining) return;
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
      else response.once('finish', () => response.socket?.end());
    }
  }

  /**
   * Closes the listening socket (new connections are refused), closes idle kept-alive connections,
   * and resolves once every request in flight has been answered and its connection closed; after
   * `timeoutMs` the remaining connections are cut. Answers whether it had to cut any.
   */
  closeHttp(server: Server, timeoutMs: number): Promise<{ cut: boolean }> {
    this.beginDrain();
    return new Promise((resolve) => {
      let cut = false;
      const timer = setTimeout(() => {
        cut = true;
        server.closeAllConnections();
      }, timeoutMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve({ cut });
      });
      server.closeIdleConnections();
    });
  }
}
