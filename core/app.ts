/**
 * The composition root: builds the fastify app, the services and the
 * channels from a config and an open database. `listen` is separate, so tests
 * use the same app on an ephemeral port.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { channelFactories } from '../channels/index.js';
import type { Channel, ChannelHost, ChannelName } from '../channels/types.js';
import { hasRoutes } from '../channels/types.js';
import { createBot } from '../bot/index.js';
import { LocalBus, type Bus } from './bus.js';
import { ChannelSupervisor } from './channel-supervisor.js';
import type { Config } from './config.js';
import { warmUp } from './analyser/index.js';
import { ConversationService } from './conversations.js';
import { t } from './i18n.js';
import { OutboxDispatcher } from './outbox.js';
import type { Db } from './storage/db.js';
import { TicketService } from './ticket-service.js';
import { isYearCovered, localDate, onUncoveredYear } from './workdays.js';
import { Casework } from './casework.js';
import { DEFAULT_POLICY_FILE, loadTimeLimitPolicy } from './domain/time-limits.js';
import { adminWeb } from '../admin-web/server/plugin.js';
import { scheduleDeadlines, type DeadlineJob } from '../admin-web/server/deadlines.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Log fields that may carry personal data are never written. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', '*.phone', '*.name', '*.reporterPhone', '*.reporterName', '*.text'];

export interface App {
  server: FastifyInstance;
  db: Db;
  config: Config;
  channels: Map<ChannelName, Channel>;
  conversations: ConversationService;
  outbox: OutboxDispatcher;
  tickets: TicketService;
  /** Regulators' casework (admin web). */
  casework: Casework;
  /** The time-limit job (started by start()). */
  deadlines: DeadlineJob | null;
  bus: Bus;
  /** Starts the channels and resumes queued deliveries. */
  start(): Promise<void>;
  /** Graceful stop: no new messages, in-flight ones finished, queued ones kept. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests pass a fake clock. */
  clock?: () => Date;
  logger?: boolean;
}

export async function buildApp(config: Config, db: Db, opts: BuildOptions = {}): Promise<App> {
  const server = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    bodyLimit: 1024 * 1024,
  });
  onUncoveredYear((msg) => server.log.warn(msg));
  await server.register(websocket, { options: { maxPayload: config.wsMaxFrameBytes * 2 } });

  const channels = new Map<ChannelName, Channel>();
  for (const [name, factory] of Object.entries(channelFactories) as [ChannelName, (typeof channelFactories)[ChannelName]][]) {
    const ch = factory(config, opts.env ?? process.env);
    if (ch) channels.set(name, ch);
  }
  const bus = new LocalBus();
  const outbox = new OutboxDispatcher(db, channels, bus, server.log);
  const conversations = new ConversationService({
    db,
    config,
    engine: createBot(),
    outbox,
    log: server.log,
    capabilities: (name) => channels.get(name as ChannelName)?.capabilities,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const tickets = new TicketService(db, outbox, config);
  const policy = loadTimeLimitPolicy(config.timeLimitPolicyFile ?? DEFAULT_POLICY_FILE);
  const clock = opts.clock ?? (() => new Date());
  const casework = new Casework(tickets, () => policy, config);
  await server.register(adminWeb, { db, config, casework, policy: () => policy, clock, channels: () => channels });
  let deadlines: DeadlineJob | null = null;

  for (const ch of channels.values()) if (hasRoutes(ch)) ch.register(server);
  const host: ChannelHost = {
    receive: (m) => conversations.receive(m),
    flush: (c, chatId) => outbox.flush(c, chatId),
    resume: (c) => outbox.resumeAll(c),
    log: server.log,
  };
  const supervisor = new ChannelSupervisor(channels, host, (name) => void outbox.resumeAll(name).catch((err) => server.log.error({ err }, 'resuming the outbox failed')));

  const page = readFileSync(path.join(here, '../channels/websocket/public/index.html'), 'utf8');
  server.get('/', async (_req, reply) => {
    reply.type('text/html; charset=utf-8').send(page.replace('{{WELCOME}}', escapeHtml(t(config.defaultLocale, 'menu.text'))));
  });
  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    const checks: Record<string, { up: boolean; detail?: string }> = {};
    try {
      await db.$queryRawUnsafe('SELECT 1');
      checks.database = { up: true };
    } catch (err) {
      checks.database = { up: false, detail: (err as Error).message };
    }
    for (const name of channels.keys()) checks[name] = supervisor.status(name);
    // The database decides readiness; a channel that is down (and being
    // retried) degrades the service without taking the others down.
    const ready = checks.database!.up;
    const degraded = Object.values(checks).some((c) => !c.up);
    reply.code(ready ? 200 : 503).send({ status: !ready ? 'unavailable' : degraded ? 'degraded' : 'ready', checks });
  });
  server.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message, code: err.code ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST') });
  });

  let stopped = false;
  return {
    server,
    db,
    config,
    channels,
    conversations,
    outbox,
    tickets,
    casework,
    get deadlines() {
      return deadlines;
    },
    bus,
    async start() {
      // Train the analyser now, not on the first citizen's message.
      const t0 = performance.now();
      warmUp();
      server.log.info({ ms: Math.round(performance.now() - t0) }, 'analyser ready');
      // Time limits run across the year end: say now if the holiday calendar lacks this year or the next.
      const year = Number(localDate(clock(), config.timeZone).slice(0, 4));
      for (const y of [year, year + 1]) {
        if (!isYearCovered(y)) server.log.warn({ year: y }, `working-day calendar (chinese-days) has no holiday data for ${y}: time limits there count Monday–Friday; update chinese-days`);
      }
      deadlines = scheduleDeadlines({ db, policy: () => policy, timeZone: config.timeZone, expression: config.deadlineCron, clock, log: server.log });
      // Each channel, once up, resumes what was queued for it (also after a restart).
      await supervisor.startAll();
      const others = [...channels.keys()].filter((n) => n !== 'websocket');
      if (!others.length) server.log.info('no Telegram or WeChat configured: running with the web chat only');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await deadlines?.stop();
      supervisor.stop();
      await conversations.idle();
      await outbox.drain();
      for (const ch of channels.values()) await ch.stop().catch(() => {});
      await server.close();
    },
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
