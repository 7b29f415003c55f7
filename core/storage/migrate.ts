/**
 * Migrations through Prisma's own schema engine, run as WebAssembly.
 *
 * The Prisma CLI downloads a native schema engine at start, which offline
 * machines cannot do; the same engine ships on the npm registry as
 * `@prisma/schema-engine-wasm` and talks to the database through a driver
 * adapter. `applyMigrations` is what `prisma migrate deploy` runs, so the
 * migration folders and the `_prisma_migrations` table are exactly Prisma's.
 *
 * One model (prisma/schema.prisma, SQLite) and two migration histories:
 * prisma/migrations for SQLite (the embedded default) and
 * prisma/postgres/migrations for PostgreSQL (cluster mode). The PostgreSQL
 * schema file is derived from the SQLite one (scripts/prisma-generate.mjs).
 */
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRISMA_DIR = path.resolve(here, '../../prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');

export type Provider = 'sqlite' | 'postgresql';

/** Where a provider's schema and migrations live. */
export const LAYOUT: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: SCHEMA_PATH, migrations: path.join(PRISMA_DIR, 'migrations') },
  postgresql: { schema: path.join(PRISMA_DIR, 'postgres', 'schema.prisma'), migrations: path.join(PRISMA_DIR, 'postgres', 'migrations') },
};

/** A database to migrate: a SQLite file, or a PostgreSQL URL and schema. */
export type Target = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; url: string; schema?: string };

/**
 * The PostgreSQL variant of the model: the same models, another provider and
 * client output. Derived, so the two can never drift apart.
 */
export function postgresSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/core\/storage\/generated"/, 'output       = "../../core/storage/generated-pg"');
}

async function schemaText(provider: Provider): Promise<string> {
  const base = await readFile(SCHEMA_PATH, 'utf8');
  return provider === 'sqlite' ? base : postgresSchema(base);
}

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

let engineModule: Promise<{ SchemaEngine: { new: (o: unknown, log: (s: string) => void, a: object) => Promise<Engine> } }> | undefined;

/** Loads the wasm engine once per process (Node 20 cannot `import` .wasm). */
function loadEngineModule() {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = await import(bgPath);
    const bytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return engineModule;
}

type Disposable = { dispose(): Promise<void> };
type Factory = { connect(): Promise<Disposable> };

function adapterFactory(target: Target): Factory {
  if (target.provider === 'sqlite') return new PrismaBetterSqlite3({ url: `file:${target.file}` }) as unknown as Factory;
  // Migration scripts name no schema: the search path puts them in the target's.
  return new PrismaPg(
    { connectionString: target.url, ...(target.schema ? { options: `-c search_path="${target.schema}"` } : {}) },
    target.schema ? { schema: target.schema } : undefined,
  ) as unknown as Factory;
}

/**
 * Runs `work` with an engine on the target. The engine does not close its
 * connections when freed (and on SQLite holds an exclusive lock), so every
 * connection it opened is disposed here.
 */
async function withEngine<T>(target: Target, schema: string, work: (e: Engine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const factory = adapterFactory(target);
  const opened: Disposable[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const conn = await connect();
    opened.push(conn);
    return conn;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory as never);
  const engine = await SchemaEngine.new({ datamodels: [[LAYOUT[target.provider].schema, schema]] }, () => {}, adapter);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

async function migrationList(provider: Provider) {
  const dir = LAYOUT[provider].migrations;
  const dirs = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => ({
        path: d,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: await readFile(path.join(dir, d, 'migration.sql'), 'utf8') } },
      })),
    ),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet applied to the target; returns their names. */
export async function applyMigrations(target: Target | string): Promise<string[]> {
  const t: Target = typeof target === 'string' ? { provider: 'sqlite', file: target } : target;
  const migrationsList = await migrationList(t.provider);
  return withEngine(t, await schemaText(t.provider), async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * Writes a new migration folder, for SQLite and for PostgreSQL, for the
 * difference between the schema as of the last migration and
 * `prisma/schema.prisma` (what `prisma migrate dev --create-only` does). The
 * wasm engine has no shadow database, so each migration folder keeps the
 * schema it was made from (`schema.prisma`) and the engine diffs two
 * datamodels. Returns the folder name, or null when nothing changed.
 */
export async function createMigration(name: string, scratchFile: string): Promise<string | null> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name}`;
  let wrote = false;
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const schema = await schemaText(provider);
    const dir = LAYOUT[provider].migrations;
    const previous = (await migrationList(provider)).migrationDirectories.at(-1);
    const script = await withEngine({ provider: 'sqlite', file: scratchFile }, schema, async (engine) => {
      const from = previous
        ? { tag: 'schemaDatamodel', files: [{ path: 'previous.prisma', content: await readFile(path.join(dir, previous.path, 'schema.prisma'), 'utf8') }] }
        : { tag: 'empty' };
      const out = await engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files: [{ path: LAYOUT[provider].schema, content: schema }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      return out.stdout ?? '';
    });
    if (!script.trim() || /^-- This is an empty migration/.test(script.trim())) continue;
    await mkdir(path.join(dir, folder), { recursive: true });
    await writeFile(path.join(dir, folder, 'migration.sql'), script);
    await writeFile(path.join(dir, folder, 'schema.prisma'), schema);
    const lock = path.join(dir, 'migration_lock.toml');
    if (!existsSync(lock)) {
      await writeFile(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
    }
    wrote = true;
  }
  return wrote ? folder : null;
}
