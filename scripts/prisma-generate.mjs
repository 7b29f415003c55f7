// Runs `prisma generate` after `npm install`, for SQLite (the embedded
// default) and PostgreSQL (cluster mode). The PostgreSQL schema file is
// derived from prisma/schema.prisma, so the two cannot drift apart.
//
// The Prisma CLI fetches its native schema engine when it starts; generation
// does not use it, so where no engine can be downloaded (offline machines) we
// point PRISMA_SCHEMA_ENGINE_BINARY at any existing file. Migrations use the
// WebAssembly engine instead (core/storage/migrate.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { postgresSchema, LAYOUT } = await import('../core/storage/migrate.ts');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');

const pg = LAYOUT.postgresql.schema;
mkdirSync(path.dirname(pg), { recursive: true });
const derived = postgresSchema(readFileSync(LAYOUT.sqlite.schema, 'utf8'));
if (!existsSync(pg) || readFileSync(pg, 'utf8') !== derived) writeFileSync(pg, derived);

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
for (const schema of [LAYOUT.sqlite.schema, pg]) {
  const r = spawnSync(process.execPath, [cli, 'generate', '--schema', path.relative(root, schema)], { stdio: 'inherit', env, cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
