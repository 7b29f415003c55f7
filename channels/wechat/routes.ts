/**
 * Administrators' view of the WeChat login: the state, and the QR code to
 * scan as a PNG. Protected by a bearer token (ADMIN_TOKEN) until the admin
 * web's own authentication replaces it; without ADMIN_TOKEN the routes
 * answer 503, so the QR code is never public.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { LoginState } from '../types.js';

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' } } };

export function registerLoginRoutes(app: FastifyInstance, adminToken: string | undefined, login: () => LoginState): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        if (!adminToken) return reply.code(503).send({ error: 'ADMIN_TOKEN is not configured', code: 'ADMIN_DISABLED' });
        const got = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!got || !same(got, adminToken)) return reply.code(401).send({ error: 'missing or wrong bearer token', code: 'UNAUTHORIZED' });
      });
      scope.get(
        '/login',
        {
          schema: {
            response: {
              200: {
                type: 'object',
                properties: { state: { type: 'string' }, user: { type: 'string' }, since: { type: 'string' }, qrcode: { type: 'string' } },
              },
              '4xx': errorSchema,
              '5xx': errorSchema,
            },
          },
        },
        async () => login(),
      );
      scope.get('/qrcode.png', { schema: { response: { '4xx': errorSchema, '5xx': errorSchema } } }, async (_req, reply) => {
        const s = login();
        if (s.state !== 'scan' || !s.qrcode) return reply.code(404).send({ error: `no QR code to scan (state: ${s.state})`, code: 'NO_QRCODE' });
        const png = await QRCode.toBuffer(s.qrcode, { type: 'png', margin: 2, width: 320 });
        return reply.type('image/png').header('cache-control', 'no-store').send(png);
      });
    },
    { prefix: '/admin/wechat' },
  );
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
