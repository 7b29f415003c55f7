/**
 * The database for `wst user` / `wst unit`. Applying migrations needs an
 * exclusive lock, which a running service holds, so an existing database is
 * opened without migrating (the service migrates it at start); a missing one
 * is created and migrated.
 */
import { existsSync } from 'node:fs';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Config } from '../../core/config.js';
import { openDatabase, type Db } from '../../core/storage/db.js';
import { PrismaClient } from '../../core/storage/generated/client.js';

export async function openForCli(config: Config): Promise<Db> {
  if (!existsSync(config.databaseFile)) return (await openDatabase({ file: config.databaseFile, synchronous: config.sqliteSynchronous })).db;
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${config.databaseFile}`, timeout: 10_000 }) });
  try {
    await db.staffUser.count();
  } catch {
    await db.$disconnect();
    // An older database without the admin tables: migrate (needs the service stopped).
    return (await openDatabase({ file: config.databaseFile, synchronous: config.sqliteSynchronous })).db;
  }
  return db;
}
