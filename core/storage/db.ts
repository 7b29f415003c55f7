/**
 * Opens the database and migrates it. The embedded default is a SQLite file
 * under DATA_DIR; a postgresql:// URL opens PostgreSQL (cluster mode). Both
 * clients are generated from the same models, so everything above this module
 * sees one client type and never which database it is.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';
import { applyMigrations } from './migrate.js';

export type Db = PrismaClient;
export type { Prisma } from './generated/client.js';
/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export type OpenOptions =
  | {
      file: string;
      /** FULL fsyncs every commit; NORMAL (WAL) may lose the last commits on power loss. */
      synchronous?: 'FULL' | 'NORMAL';
    }
  | { url: string };

/** Splits `postgresql://…?schema=name` into the connection URL and the schema (default public). */
export function parsePostgresUrl(url: string): { url: string; schema: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}" in DATABASE_URL`);
  return { url: u.toString(), schema };
}

/** Migrates the database (creating it if needed) and opens a client on it. */
export async function openDatabase(opts: OpenOptions): Promise<{ db: Db; applied: string[] }> {
  return 'url' in opts ? openPostgres(opts.url) : openSqlite(opts.file, opts.synchronous ?? 'FULL');
}

async function openSqlite(file: string, synchronous: 'FULL' | 'NORMAL') {
  mkdirSync(path.dirname(file), { recursive: true });
  const applied = await applyMigrations({ provider: 'sqlite', file });
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 }) });
  // SQLite-only settings, kept in this SQLite-only branch: WAL lets readers
  // run beside the writer; synchronous=FULL makes each commit durable.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous}`);
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return { db, applied };
}

async function openPostgres(raw: string) {
  const { url, schema } = parsePostgresUrl(raw);
  const pg = await import('pg');
  const admin = new pg.default.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await admin.end();
  }
  const applied = await applyMigrations({ provider: 'postgresql', url, schema });
  const { PrismaClient: PgClient } = await import('./generated-pg/client.js');
  const adapter = new PrismaPg({ connectionString: url, options: `-c search_path="${schema}"` }, { schema });
  // Same models, same generated API: the PostgreSQL client is used as the one client type.
  const db = new PgClient({ adapter }) as unknown as Db;
  return { db, applied };
}

/** Opens the database the configuration names. */
export function openConfigured(config: { database: { file: string } | { url: string }; sqliteSynchronous: 'FULL' | 'NORMAL' }) {
  return openDatabase('file' in config.database ? { file: config.database.file, synchronous: config.sqliteSynchronous } : config.database);
}
