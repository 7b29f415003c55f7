/**
 * Staff sign-in: a random session token in an HttpOnly, SameSite=Strict
 * cookie (Secure over HTTPS); the database keeps only its SHA-256, the CSRF
 * token and the expiry, so any instance of a cluster can check it. Every
 * state-changing request carries the session's CSRF token in `x-csrf-token`.
 * Failed logins are limited per user name and per address.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/storage/db.js';
import { audit } from './audit.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { hit, reset, underLimit } from './rate-limit.js';
import { isRole, type Role } from './roles.js';

export const COOKIE = 'wst_admin';
const LOGIN_WINDOW_MS = 15 * 60_000;
/** Sliding expiry is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export interface Staff {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  unitId: string | null;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

function secure(req: FastifyRequest, config: Config): boolean {
  if (config.adminCookieSecure !== 'auto') return config.adminCookieSecure === 'always';
  return req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
}

function setCookie(reply: FastifyReply, req: FastifyRequest, config: Config, value: string, maxAgeS: number) {
  const parts = [`${COOKIE}=${encodeURIComponent(value)}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeS}`];
  if (secure(req, config)) parts.push('Secure');
  reply.header('set-cookie', parts.join('; '));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** preHandler: the request must come from a signed-in staff member with one of `roles`. */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest) => {
    if (!req.staff) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in first');
    if (roles.length && !roles.includes(req.staff.role)) throw new HttpError(403, 'FORBIDDEN', 'your role may not do this');
  };
}

export function registerAuth(app: FastifyInstance, db: Db, config: Config, clock: () => Date) {
  app.decorateRequest('staff', null);

  app.addHook('onRequest', async (req) => {
    const token = readCookie(req, COOKIE);
    if (!token) return;
    const now = clock();
    const session = await db.staffSession.findUnique({ where: { id: sha256(token) }, include: { user: true } });
    if (!session || session.expiresAt <= now || !session.user.active || !isRole(session.user.role)) return;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await db.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + config.adminSessionMs) } });
    }
    const u = session.user;
    req.staff = { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, unitId: u.unitId, sessionId: session.id, csrfToken: session.csrfToken };
  });

  // CSRF: every state-changing request of a signed-in user carries the session's token.
  app.addHook('preHandler', async (req) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !req.staff) return;
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, req.staff.csrfToken)) throw new HttpError(403, 'CSRF', 'missing or wrong CSRF token');
  });

  const me = (s: Staff) => ({ id: s.id, username: s.username, displayName: s.displayName, role: s.role, unitId: s.unitId, csrfToken: s.csrfToken });

  app.post<{ Body: { username: string; password: string } }>(
    '/admin/api/login',
    {
      schema: {
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
        },
      },
    },
    async (req, reply) => {
      const now = clock();
      const { username, password } = req.body;
      const keys = [`login:user:${username.toLowerCase()}`, `login:ip:${req.ip}`];
      // An address may be an office behind one NAT: it gets five times the per-name allowance.
      const limits = [config.adminLoginMaxAttempts, config.adminLoginMaxAttempts * 5];
      for (const [i, key] of keys.entries()) {
        if (!(await underLimit(db, key, limits[i]!, now))) {
          await audit(db, { actorId: null, username, action: 'login-throttled', ip: req.ip }, now);
          throw new HttpError(429, 'TOO_MANY_ATTEMPTS', 'too many failed sign-ins; try again in 15 minutes');
        }
      }
      const user = await db.staffUser.findUnique({ where: { username } });
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || !user.active || !isRole(user.role)) {
        for (const key of keys) await hit(db, key, LOGIN_WINDOW_MS, now);
        await audit(db, { actorId: user?.id ?? null, username, action: 'login-failed', ip: req.ip }, now);
        throw new HttpError(401, 'BAD_CREDENTIALS', 'wrong user name or password');
      }
      await reset(db, keys[0]!);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await db.staffSession.create({ data: { id: sha256(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + config.adminSessionMs) } });
      await audit(db, { actorId: user.id, username, action: 'login', ip: req.ip }, now);
      setCookie(reply, req, config, token, Math.round(config.adminSessionMs / 1000));
      return me({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, sessionId: '', csrfToken });
    },
  );

  app.post('/admin/api/logout', { preHandler: requireRole() }, async (req, reply) => {
    await db.staffSession.deleteMany({ where: { id: req.staff!.sessionId } });
    await audit(db, { actorId: req.staff!.id, username: req.staff!.username, action: 'logout', ip: req.ip }, clock());
    setCookie(reply, req, config, '', 0);
    return { ok: true };
  });

  app.get('/admin/api/me', { preHandler: requireRole() }, async (req) => me(req.staff!));
}
