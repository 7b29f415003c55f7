/**
 * The baseline: a bare fastify + @fastify/websocket server speaking just
 * enough of the /ws/chat protocol for the same citizens driver: hello gets a
 * session frame, a text gets a reply frame that echoes it. No database, no
 * dialog: what the runtime, the socket layer and JSON cost on this machine,
 * measured in the same run as the service.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import { memorySnapshot, type ParentMessage } from './ipc.js';

const server = Fastify({ logger: false });
await server.register(websocket);
server.get('/ws/chat', { websocket: true }, (socket) => {
  socket.on('message', (data) => {
    let frame: { type?: string; text?: string };
    try {
      frame = JSON.parse(String(data));
    } catch {
      socket.send(JSON.stringify({ type: 'error', code: 'invalid_json', message: 'invalid JSON' }));
      return;
    }
    if (frame.type === 'hello') socket.send(JSON.stringify({ type: 'session', token: randomBytes(24).toString('base64url') }));
    else if (frame.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    else socket.send(JSON.stringify({ type: 'reply', text: frame.text ?? '' }));
  });
});
await server.listen({ port: 0, host: '127.0.0.1' });
const address = server.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', (msg: ParentMessage) => {
  if (msg.cmd === 'memory') void memorySnapshot().then((m) => process.send?.({ type: 'memory', ...m }));
  if (msg.cmd === 'stop') void server.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port });
