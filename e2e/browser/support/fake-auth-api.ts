import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An in-process stand-in for the API's `/api/auth/*` routes (SPEC §12 shapes), so the browser
 * suite can drive the console without PostgreSQL. Replace with the real API once its auth lands.
 */

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  role: 'platform_admin' | 'clinic_manager';
  clinicId: string | null;
  name: string;
  mfaCode?: string;
  /** the platform requires MFA for admins and this one has none yet */
  mustEnrolMfa?: boolean;
}

export const PASSWORD = 'correct horse battery';

export const USERS = {
  admin: { id: 'u-admin', email: 'ada.admin@voicedesk.test', password: PASSWORD, role: 'platform_admin', clinicId: null, name: 'Ada Admin' },
  manager: {
    id: 'u-manager',
    email: 'mona.manager@clinic.test',
    password: PASSWORD,
    role: 'clinic_manager',
    clinicId: 'c-3f2a',
    name: 'Mona Manager',
  },
  mfa: {
    id: 'u-mfa',
    email: 'max.mfa@clinic.test',
    password: PASSWORD,
    role: 'clinic_manager',
    clinicId: 'c-3f2a',
    name: 'Max Secure',
    mfaCode: '246810',
  },
  newAdmin: {
    id: 'u-new-admin',
    email: 'nora.new@voicedesk.test',
    password: PASSWORD,
    role: 'platform_admin',
    clinicId: null,
    name: 'Nora Newadmin',
    mustEnrolMfa: true,
  },
} satisfies Record<string, FakeUser>;

export const ENROLMENT_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const ENROLMENT_CODE = '135790';
export const BACKUP_CODES = ['k7m2p-x9q4r', 'a3b8c-d2e7f', 'q1w2e-r3t4y', 'z9x8c-v7b6n'];

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export class FakeAuthApi {
  readonly calls: RecordedCall[] = [];
  private counter = 0;
  private readonly accessTokens = new Map<string, FakeUser>();
  private readonly refreshTokens = new Map<string, FakeUser>();
  private readonly mfaTokens = new Map<string, FakeUser>();
  private readonly enrolmentTokens = new Map<string, FakeUser>();

  /** Makes every access token handed out so far expire (the API would answer 401). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const body = request.method === 'POST' ? await readJson(request) : undefined;
    this.calls.push({ method: request.method ?? '', path, authorization: request.headers.authorization, body });
    const route = `${request.method} ${path}`;
    switch (route) {
      case 'POST /api/auth/login':
        return this.login(response, body as { email?: string; password?: string });
      case 'POST /api/auth/mfa/verify':
        return this.verifyMfa(response, body as { mfaToken?: string; code?: string });
      case 'POST /api/auth/mfa/enrol': {
        const user = this.enrolling(request);
        if (!user) return unauthorized(response);
        return json(response, 200, {
          otpauthUri: `otpauth://totp/VoiceDesk:${encodeURIComponent(user.email)}?secret=${ENROLMENT_SECRET}&issuer=VoiceDesk`,
          secret: ENROLMENT_SECRET,
        });
      }
      case 'POST /api/auth/mfa/activate': {
        const user = this.enrolling(request);
        if (!user) return unauthorized(response);
        if ((body as { code?: string }).code !== ENROLMENT_CODE) {
          return json(response, 400, {
            statusCode: 400,
            error: 'Bad Request',
            message: 'That code is not the one your authenticator shows.',
            errors: [{ field: 'code', message: 'Check the time on your phone and try the newest code.' }],
          });
        }
        this.enrolmentTokens.clear();
        return json(response, 200, { backupCodes: BACKUP_CODES, ...this.issue(user), user: publicUser(user) });
      }
      case 'POST /api/auth/refresh':
        return this.refresh(response, body as { refreshToken?: string });
      case 'POST /api/auth/logout': {
        const user = this.bearer(request);
        if (!user) return unauthorized(response);
        const { refreshToken } = (body ?? {}) as { refreshToken?: string };
        if (refreshToken) this.refreshTokens.delete(refreshToken);
        response.writeHead(204).end();
        return;
      }
      case 'GET /api/auth/me': {
        const user = this.bearer(request);
        return user ? json(response, 200, publicUser(user)) : unauthorized(response);
      }
      default:
        return json(response, 404, { statusCode: 404, error: 'Not Found', message: `Cannot ${route}`, errors: [] });
    }
  }

  private login(response: ServerResponse, body: { email?: string; password?: string }): void {
    const fieldErrors = [];
    if (!body.email) fieldErrors.push({ field: 'email', message: 'email should not be empty' });
    if (!body.password || body.password.length < 8) {
      fieldErrors.push({ field: 'password', message: 'password must be at least 8 characters long' });
    }
    if (fieldErrors.length) {
      return json(response, 400, { statusCode: 400, error: 'Bad Request', message: 'Some fields need attention.', errors: fieldErrors });
    }
    const user = Object.values(USERS).find((candidate) => candidate.email === body.email?.toLowerCase());
    if (!user || user.password !== body.password) {
      return json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect.', errors: [] });
    }
    if ('mustEnrolMfa' in user) {
      const mfaToken = `enrol-${++this.counter}`;
      this.enrolmentTokens.set(mfaToken, user);
      return json(response, 200, { mfaEnrolmentRequired: true, mfaToken });
    }
    if ('mfaCode' in user) {
      const mfaToken = `mfa-${++this.counter}`;
      this.mfaTokens.set(mfaToken, user);
      return json(response, 200, { mfaRequired: true, mfaToken });
    }
    return json(response, 200, { ...this.issue(user), user: publicUser(user) });
  }

  private verifyMfa(response: ServerResponse, body: { mfaToken?: string; code?: string }): void {
    const user = body.mfaToken ? this.mfaTokens.get(body.mfaToken) : undefined;
    if (!user) {
      return json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'The sign-in attempt has expired. Start again.', errors: [] });
    }
    if (body.code !== user.mfaCode) {
      return json(response, 401, {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'That code is not valid.',
        errors: [{ field: 'code', message: 'Check the code in your authenticator app and try again.' }],
      });
    }
    this.mfaTokens.delete(body.mfaToken!);
    return json(response, 200, { ...this.issue(user), user: publicUser(user) });
  }

  private refresh(response: ServerResponse, body: { refreshToken?: string }): void {
    const user = body.refreshToken ? this.refreshTokens.get(body.refreshToken) : undefined;
    if (!user) {
      return json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Your session has ended.', errors: [] });
    }
    this.refreshTokens.delete(body.refreshToken!); // rotated: a second use fails
    return json(response, 200, this.issue(user));
  }

  private issue(user: FakeUser): { accessToken: string; refreshToken: string } {
    const accessToken = `at-${++this.counter}`;
    const refreshToken = `rt-${++this.counter}`;
    this.accessTokens.set(accessToken, user);
    this.refreshTokens.set(refreshToken, user);
    return { accessToken, refreshToken };
  }

  private enrolling(request: IncomingMessage): FakeUser | undefined {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return match ? this.enrolmentTokens.get(match[1]) : undefined;
  }

  private bearer(request: IncomingMessage): FakeUser | undefined {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return match ? this.accessTokens.get(match[1]) : undefined;
  }
}

function publicUser({ id, email, role, clinicId, name }: FakeUser) {
  return { id, email, role, clinicId, name };
}

function unauthorized(response: ServerResponse): void {
  json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in to continue.', errors: [] });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
