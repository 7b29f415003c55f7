/**
 * The database for `wst user` / `wst unit`. Applying SQLite migrations needs
 * an exclusive lock, which a running service holds, so an existing SQLite
 * file is opened without migrating (the service migrates it at start); a
 * missing one, or PostgreSQL (whose migrations take a lock of their own), is
 * opened the usual way.
 */
import { existsSync } from 'node:fs';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Config } from '../../core/config.js';
import { openConfigured, type Db } from '../../core/storage/db.js';
import { PrismaClient } from '../../core/storage/generated/client.js';

export async function openForCli(config: Config): Promise<Db> {
  if (!('file' in config.database) || !existsSync(config.database.file)) return (await openConfigured(config)).db;
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${config.database.file}`, timeout: 10_000 }) });
  try {
    await db.staffUser.count();
  } catch {
    await db.$disconnect();
    // An older database without the admin tables: migrate (needs the service stopped).
    return (await openConfigured(config)).db;
  }
  return db;
}
