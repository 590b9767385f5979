import { HttpContext, HttpContextToken } from '@angular/common/http';

/*
 * How a call tells the auth interceptor what it needs. The generated client (libs/api-client)
 * takes an `HttpContext` on every operation, so these travel with its calls unchanged.
 */

/**
 * Calls that authenticate by their body (login, MFA verify, refresh): sent without the access
 * token, and their 401 is never answered with a refresh (a refresh answering 401 would loop).
 */
export const CREDENTIALS_CALL = new HttpContextToken<boolean>(() => false);

/**
 * A bearer other than the session's access token: the short-lived `mfaToken` of a forced MFA
 * enrolment at sign-in. Sent as is; its 401 is never answered with a refresh either.
 */
export const EXPLICIT_BEARER = new HttpContextToken<string | null>(() => null);

export function credentialsCall(): HttpContext {
  return new HttpContext().set(CREDENTIALS_CALL, true);
}

export function withBearer(token: string): HttpContext {
  return new HttpContext().set(EXPLICIT_BEARER, token);
}

/**
 * True for requests to our own API, the only ones that may carry the access token. The client's
 * `ApiConfiguration.rootUrl` is empty in the console (same origin), so its calls are plain paths;
 * a protocol-relative or absolute address goes elsewhere and gets no token.
 */
export function isApiRequest(url: string, rootUrl: string): boolean {
  if (rootUrl) {
    const root = rootUrl.endsWith('/') ? rootUrl : `${rootUrl}/`;
    return url === rootUrl || url.startsWith(root);
  }
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}
