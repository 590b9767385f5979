import type { TestApp } from './app.js';

/** Where requests go: a `TestApp`, or any app listening at `baseUrl` (`http://127.0.0.1:<port>`, routes under `/api`). */
export type ApiTarget = Pick<TestApp, 'baseUrl'>;

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** `Authorization: Bearer <token>` */
  token?: string;
  /** the client address the API sees (X-Forwarded-For from loopback is trusted): isolates per-IP counters */
  ip?: string;
  body?: unknown;
}

/** One JSON request to the test app over real HTTP. */
export async function call<T = any>(t: ApiTarget, method: string, path: string, options: RequestOptions = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

let ipCounter = 0;
/** A fresh client address per test, so per-IP sign-in counters of one test never touch another. */
export function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${(ipCounter % 250) + 1}`;
}

/** Signs in with a password (no MFA) and answers the session. */
export async function signIn(
  t: ApiTarget,
  user: { email: string; password: string },
  ip = freshIp(),
): Promise<{ accessToken: string; refreshToken: string; user: any }> {
  const response = await call(t, 'POST', '/api/auth/login', { body: { email: user.email, password: user.password }, ip });
  if (response.status !== 200 || !response.body.accessToken) {
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The access token of a password sign-in (no MFA). */
export async function signInToken(t: ApiTarget, user: { email: string; password: string }): Promise<string> {
  return (await signIn(t, user)).accessToken;
}
