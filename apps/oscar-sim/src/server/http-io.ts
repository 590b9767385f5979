import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** text/xml;charset=UTF-8 like CXF; gzipped when the client accepts it (@GZIP(threshold=0)). */
export function sendXml(req: IncomingMessage, res: ServerResponse, status: number, xml: string): void {
  const headers: Record<string, string> = { 'Content-Type': 'text/xml;charset=UTF-8' };
  let body = Buffer.from(xml, 'utf8');
  if (/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(status, headers).end(body);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8' }).end(html);
}

/** Tomcat's error page for a bare HTTP 500 (no SOAP envelope). */
export const TOMCAT_500 = '<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title></head>'
  + '<body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" /><h3>Apache Tomcat</h3></body></html>';
