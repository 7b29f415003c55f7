/**
 * The real service for the benchmark, in its own process: `startService`
 * exactly as `npm start` runs it (same config, same database setup), plus a
 * small IPC side door the harness needs and `npm start` does not have:
 * "ready" with the port once listening, and "memory" (after a full GC when
 * node runs with --expose-gc) so that resident memory is read at a quiet
 * moment. Nothing here changes how a turn is handled.
 */
import { startService } from '../core/main.js';
import { memorySnapshot, type ParentMessage } from './ipc.js';

const app = await startService(process.env);
const address = app.server.server.address();
const port = typeof address === 'object' && address ? address.port : Number(process.env.PORT);

process.on('message', (msg: ParentMessage) => {
  if (msg.cmd === 'memory') void memorySnapshot().then((m) => process.send?.({ type: 'memory', ...m }));
  if (msg.cmd === 'stop') void stop();
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.stop();
  await app.db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.send?.({ type: 'ready', port });
