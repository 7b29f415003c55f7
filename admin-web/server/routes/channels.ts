/**
 * Channels for administrators: each channel's state, and for a channel whose
 * bot account signs in by QR code (WeChat) the code to scan, as a PNG.
 * Fetching the code is audited: whoever scans it becomes the bot.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Channel, ChannelName } from '../../../channels/types.js';
import { hasLogin } from '../../../channels/types.js';
import { HttpError, requireRole } from '../auth.js';
import type { AdminContext } from '../context.js';

export function channelRoutes(app: FastifyInstance, ctx: AdminContext, channels: () => Map<ChannelName, Channel>) {
  app.get('/admin/api/channels', { preHandler: requireRole('admin') }, async () => ({
    channels: [...channels().values()].map((ch) => {
      const login = hasLogin(ch) ? ch.loginState() : undefined;
      return {
        name: ch.name,
        ...ch.status(),
        ...(login ? { login: { state: login.state, since: login.since, ...(login.user ? { user: login.user } : {}) } } : {}),
      };
    }),
  }));

  app.get<{ Params: { name: string } }>(
    '/admin/api/channels/:name/qrcode.png',
    { preHandler: requireRole('admin'), schema: { params: { type: 'object', properties: { name: { type: 'string', maxLength: 32 } }, required: ['name'] } } },
    async (req, reply) => {
      const ch = channels().get(req.params.name as ChannelName);
      if (!ch || !hasLogin(ch)) throw new HttpError(404, 'NOT_FOUND', 'no such channel with a sign-in');
      const login = ch.loginState();
      if (login.state !== 'scan' || !login.qrcode) throw new HttpError(404, 'NO_QRCODE', `no QR code to scan (state: ${login.state})`);
      await ctx.audit(req, 'channel-qrcode', null, ch.name);
      const png = await QRCode.toBuffer(login.qrcode, { type: 'png', margin: 2, width: 320 });
      return reply.type('image/png').header('cache-control', 'no-store').send(png);
    },
  );
}
