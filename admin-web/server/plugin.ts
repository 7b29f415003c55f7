/**
 * The admin web (监管端): the regulators' console under /admin — sign-in,
 * inbox, ticket page, casework actions, dashboard, users and units, audit
 * log — and its front end (admin-web/dist) as static files.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Channel, ChannelName } from '../../channels/types.js';
import type { Casework } from '../../core/casework.js';
import type { Config } from '../../core/config.js';
import { DomainError, type DomainErrorCode } from '../../core/domain/errors.js';
import type { TimeLimitPolicy } from '../../core/domain/time-limits.js';
import type { Db } from '../../core/storage/db.js';
import { audit } from './audit.js';
import { HttpError, registerAuth } from './auth.js';
import { DIST } from './build.js';
import type { AdminContext } from './context.js';
import { actionRoutes } from './routes/actions.js';
import { adminRoutes } from './routes/admin.js';
import { channelRoutes } from './routes/channels.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { ticketRoutes } from './routes/tickets.js';
import { streamRoutes } from './stream.js';

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  TICKET_NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  ACTION_NOT_ALLOWED: 409,
};

export interface AdminOptions {
  db: Db;
  config: Config;
  casework: Casework;
  policy: () => TimeLimitPolicy;
  clock: () => Date;
  /** The running channels (for their state and the WeChat sign-in QR code). */
  channels?: () => Map<ChannelName, Channel>;
  /** How often the event stream looks for new tickets. */
  streamPollMs?: number;
}

/** Registers the admin web as an encapsulated plugin: its hooks (session, CSRF) touch only /admin. */
export async function adminWeb(app: FastifyInstance, opts: AdminOptions) {
  const ctx: AdminContext = {
    db: opts.db,
    config: opts.config,
    casework: opts.casework,
    policy: opts.policy,
    clock: opts.clock,
    audit: (req, action, ticketId, detail) => audit(opts.db, { actorId: req.staff?.id ?? null, username: req.staff?.username ?? null, action, ticketId, detail: detail ?? null, ip: req.ip }, opts.clock()),
  };

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: err.message, code: err.code });
    if (err instanceof DomainError) return reply.code(DOMAIN_STATUS[err.code]).send({ error: err.message, code: err.code });
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'admin request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message, code: status >= 500 ? 'INTERNAL' : (err.code ?? 'BAD_REQUEST') });
  });
  app.addHook('onSend', async (_req, reply) => {
    reply
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  });

  registerAuth(app, opts.db, opts.config, opts.clock);
  ticketRoutes(app, ctx);
  actionRoutes(app, ctx);
  adminRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  channelRoutes(app, ctx, opts.channels ?? (() => new Map()));
  streamRoutes(app, opts.db, { pollMs: opts.streamPollMs ?? 2000 });

  app.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
  if (existsSync(path.join(DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: DIST, prefix: '/admin/', decorateReply: false, index: 'index.html' });
  } else {
    app.get('/admin/', async (_req, reply) =>
      reply.code(503).type('text/html; charset=utf-8').send('<p>管理端前端尚未构建 / the admin front end is not built: run <code>npm run build:admin</code>.</p>'),
    );
  }
}
