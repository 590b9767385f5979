import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { SimLogin } from '../data/data-file.js';
import {
  SOAP_ENV_NS, SoapFault, WSSE_NS, failedAuthentication, invalidSecurity, invalidSecurityToken, messageExpired,
} from './fault.js';
import { type XmlElement, childElements, findChild, textOf } from './xml-dom.js';

const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
/** WSS4J's UsernameToken Created window. */
const CREATED_TTL_S = 300;
const CREATED_FUTURE_TTL_S = 60;
/** CXF's replay cache keeps a nonce this long when the token has no Created. */
const NONCE_DEFAULT_TTL_S = 3600;

export interface Credentials {
  /** Every login, by security number. */
  findLogin(securityNo: number): SimLogin | undefined;
  /** login2's securityTokenKey for a login, valid as a password. */
  tokenFor(login: SimLogin): string;
  /** Today (yyyy-MM-dd) in the server zone, for the expiry check. */
  today(): string;
  /** OSCAR sleeps after a wrong password (250 ms). */
  badPasswordDelayMs(): number;
}

/**
 * The checks of CXF's WSS4JInInterceptor configured for UsernameToken/PasswordText with
 * OscarUsernameTokenValidator, in the order they run, with the faults they raise (§4).
 */
export class WsSecurity {
  private readonly nonces = new Map<string, number>();

  constructor(private readonly credentials: Credentials) {}

  /** `refuse` is the refuse-credentials fault knob for this call. */
  async authenticate(header: XmlElement | undefined, refuse = false): Promise<SimLogin> {
    const security = header && findChild(header, WSSE_NS, 'Security');
    if (!security) throw invalidSecurity();
    const token = findChild(security, WSSE_NS, 'UsernameToken');
    if (!token) throw invalidSecurity();
    const login = await this.checkToken(token, refuse);
    // Only the UsernameToken action is configured: any other result (a Timestamp) fails the action match.
    const others = childElements(security).filter((c) => c !== token);
    if (others.length > 0) throw invalidSecurity();
    return login;
  }

  /** Login and SystemInfo have no WS-Security interceptor: a mustUnderstand Security header is not understood. */
  static checkNotMustUnderstand(header: XmlElement | undefined): void {
    if (!header) return;
    for (const child of childElements(header)) {
      const mu = child.getAttributeNS(SOAP_ENV_NS, 'mustUnderstand');
      if (mu === '1' || mu === 'true') {
        throw new SoapFault({ local: 'MustUnderstand' },
          `MustUnderstand headers: [{${child.namespaceURI ?? ''}}${child.localName}] are not understood.`);
      }
    }
  }

  private async checkToken(token: XmlElement, refuse: boolean): Promise<SimLogin> {
    const usernameEl = findChild(token, WSSE_NS, 'Username');
    const passwordEl = findChild(token, WSSE_NS, 'Password');
    if (!usernameEl) throw invalidSecurityToken();
    if (passwordEl && !passwordEl.getAttribute('Type')) throw invalidSecurityToken();
    this.checkCreated(findChild(token, WSU_NS, 'Created'));
    this.checkNonce(findChild(token, WSSE_NS, 'Nonce'), findChild(token, WSU_NS, 'Created'));
    // passwordTypeStrict: PasswordDigest (or no password at all) does not match PasswordText.
    if (!passwordEl || passwordEl.getAttribute('Type') !== PASSWORD_TEXT) throw failedAuthentication();

    const username = textOf(usernameEl).trim();
    if (!/^\d+$/.test(username)) throw failedAuthentication();
    const login = this.credentials.findLogin(Number(username));
    if (!login || refuse) throw failedAuthentication();
    if (login.expireDate && login.expireDate < this.credentials.today()) throw failedAuthentication();
    const password = textOf(passwordEl);
    if (password !== login.password && password !== this.credentials.tokenFor(login)) {
      await sleep(this.credentials.badPasswordDelayMs());
      throw failedAuthentication();
    }
    return login;
  }

  private checkCreated(created: XmlElement | undefined): void {
    if (!created) return;
    const at = DateTime.fromISO(textOf(created).trim(), { setZone: true });
    if (!at.isValid) throw invalidSecurityToken();
    const ageSeconds = (Date.now() - at.toMillis()) / 1000;
    if (ageSeconds > CREATED_TTL_S || -ageSeconds > CREATED_FUTURE_TTL_S) throw messageExpired();
  }

  private checkNonce(nonce: XmlElement | undefined, created: XmlElement | undefined): void {
    if (!nonce) return;
    const now = Date.now();
    for (const [value, expires] of this.nonces) if (expires < now) this.nonces.delete(value);
    const value = textOf(nonce).trim();
    if (this.nonces.has(value)) {
      throw invalidSecurity('An error happened processing a Username Token "A replay attack has been detected"');
    }
    const ttl = created ? CREATED_TTL_S : NONCE_DEFAULT_TTL_S;
    this.nonces.set(value, now + ttl * 1000);
  }
}

/** login2's token: String(jvmStartTime + f(storedHash)); changes on restart or password change. */
export function securityTokenKey(bootTimeMs: number, password: string): string {
  const digest = createHash('sha1').update(password, 'utf8').digest();
  let hash = 0;
  for (const byte of digest) hash = (hash * 31 + ((byte << 24) >> 24)) | 0;
  return String(bootTimeMs + Math.abs(hash));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
