/**
 * Opens the database: the embedded default is a SQLite file under DATA_DIR,
 * migrated on open. Everything above this module sees only the Prisma client,
 * so the PostgreSQL adapter of cluster mode plugs in here.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.js';
import { applyMigrations } from './migrate.js';

export type Db = PrismaClient;
export type { Prisma } from './generated/client.js';
/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface OpenOptions {
  file: string;
  /** FULL fsyncs every commit; NORMAL (WAL) may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Migrates the SQLite file (creating it and its folder) and opens a client on it. */
export async function openDatabase(opts: OpenOptions): Promise<{ db: Db; applied: string[] }> {
  mkdirSync(path.dirname(opts.file), { recursive: true });
  const applied = await applyMigrations(opts.file);
  const adapter = new PrismaBetterSqlite3({ url: `file:${opts.file}`, timeout: 10_000 });
  const db = new PrismaClient({ adapter });
  // SQLite-only settings, kept in this SQLite-only module: WAL lets readers
  // run beside the writer; synchronous=FULL makes each commit durable.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${opts.synchronous ?? 'FULL'}`);
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return { db, applied };
}
