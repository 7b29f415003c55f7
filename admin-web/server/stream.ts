/**
 * GET /admin/api/stream: server-sent events announcing new tickets, so the
 * inbox updates without reloading and urgent ones get a cue. One poll of the
 * database per process serves every open stream; because it reads the
 * database, tickets filed on any instance of a cluster are announced.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../core/storage/db.js';
import { requireRole } from './auth.js';

interface Client {
  reply: FastifyReply;
}

export function streamRoutes(app: FastifyInstance, db: Db, opts: { pollMs: number }) {
  const clients = new Set<Client>();
  let since = new Date();
  let timer: NodeJS.Timeout | null = null;

  const poll = async () => {
    const fresh = await db.ticket.findMany({
      where: { createdAt: { gt: since } },
      orderBy: { createdAt: 'asc' },
      take: 50,
      select: { id: true, number: true, severity: true, kind: true, createdAt: true },
    });
    if (fresh.length) since = fresh[fresh.length - 1]!.createdAt;
    for (const t of fresh) {
      const data = `event: ticket\ndata: ${JSON.stringify({ id: t.id, number: t.number, severity: t.severity, kind: t.kind, urgent: t.severity === 'urgent' })}\n\n`;
      for (const c of clients) c.reply.raw.write(data);
    }
  };

  const start = () => {
    if (timer) return;
    since = new Date(Date.now() - 1000);
    timer = setInterval(() => void poll().catch(() => {}), opts.pollMs);
    timer.unref();
  };

  // New tickets concern those who triage them: dispatchers and admins.
  app.get('/admin/api/stream', { preHandler: requireRole('admin', 'dispatcher') }, async (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    reply.raw.write('retry: 3000\n: connected\n\n');
    const client = { reply };
    clients.add(client);
    start();
    const ping = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      clients.delete(client);
      if (!clients.size && timer) {
        clearInterval(timer);
        timer = null;
      }
    });
  });

  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    for (const c of clients) c.reply.raw.end();
    clients.clear();
  });
}
