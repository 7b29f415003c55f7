/**
 * `npm start`: loads the config, opens (and migrates) the database, starts
 * the service, and stops gracefully on SIGTERM/SIGINT: in-flight messages
 * are finished, queued replies stay queued for the next start.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openConfigured } from './storage/db.js';
import { ensureAdminBuilt } from '../admin-web/server/build.js';

export async function startService(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  // The admin web's front end is built on first start (or when its sources changed).
  await ensureAdminBuilt((msg) => console.log(`[wst] ${msg}`)).catch((err) => console.error('[wst] admin web build failed:', err));
  const { db, applied } = await openConfigured(config);
  const app = await buildApp(config, db, { env });
  if (applied.length) app.server.log.info({ migrations: applied }, 'database migrated');
  await app.start();
  await app.server.listen({ port: config.port, host: config.host });
  return app;
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('core/main.ts');
if (isMain) {
  try {
    const app = await startService();
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.server.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await app.stop();
      await app.db.$disconnect();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`wst: ${err.message}`);
      process.exit(78); // EX_CONFIG
    }
    console.error(err);
    process.exit(1);
  }
}
