// npm run migrate:new -- <name>: writes prisma/migrations/<timestamp>_<name>
// for the changes in prisma/schema.prisma (Prisma's `migrate dev --create-only`).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations, createMigration, LAYOUT } from '../core/storage/migrate.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migrate:new -- <name>   (lower-case letters, digits, _)');
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'wst-migrate-'));
try {
  const scratch = path.join(dir, 'scratch.db');
  await applyMigrations(scratch);
  const created = await createMigration(name, scratch);
  if (!created) console.log('schema unchanged: no migration written');
  for (const [provider, { migrations }] of Object.entries(LAYOUT)) {
    if (created && existsSync(path.join(migrations, created))) console.log(`created ${path.relative(process.cwd(), path.join(migrations, created))} (${provider})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
