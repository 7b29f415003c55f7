// Runs `prisma generate` after `npm install`.
// The Prisma CLI fetches its native schema engine when it starts; generation
// does not use it, so where no engine can be downloaded (offline machines) we
// point PRISMA_SCHEMA_ENGINE_BINARY at any existing file. Migrations use the
// WebAssembly engine instead (core/storage/migrate.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  console.log('[wst] prisma CLI not installed (production install?); skipping generate');
  process.exit(0);
}
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const r = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
