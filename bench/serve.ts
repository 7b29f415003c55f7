/**
 * The real service for the benchmark, in its own process: `startService`
 * exactly as `npm start` runs it (same config, same database setup), plus a
 * small IPC side door the harness needs and `npm start` does not have:
 * "ready" with the port once listening, and "memory" (after a full GC when
 * node runs with --expose-gc) so that resident memory is read at a quiet
 * moment, and "meter": CPU time and time inside SQLite and its commits
 * since the last ask (bench/sqlite-meter.ts). Nothing here changes how a
 * turn is handled.
 */
import { memorySnapshot, type ParentMessage } from './ipc.js';
import { installSqliteMeter, takeMeter } from './sqlite-meter.js';

installSqliteMeter();
// Imported after the meter is in place, so the service's connection is metered.
const { startService } = await import('../core/main.js');
const app = await startService(process.env);
const address = app.server.server.address();
const port = typeof address === 'object' && address ? address.port : Number(process.env.PORT);

process.on('message', (msg: ParentMessage) => {
  if (msg.cmd === 'memory') void memorySnapshot().then((m) => process.send?.({ type: 'memory', ...m }));
  if (msg.cmd === 'stop') void stop();
  if (msg.cmd === 'meter') {
    const cpu = process.cpuUsage(cpuMark);
    const at = performance.now();
    process.send?.({ type: 'result', result: { ...takeMeter(), cpuMs: (cpu.user + cpu.system) / 1000, wallMs: at - wallMark } });
    cpuMark = process.cpuUsage();
    wallMark = at;
  }
});

let cpuMark = process.cpuUsage();
let wallMark = performance.now();
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
