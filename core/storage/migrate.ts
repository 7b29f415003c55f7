/**
 * Migrations through Prisma's own schema engine, run as WebAssembly.
 *
 * The Prisma CLI downloads a native schema engine at start, which offline
 * machines cannot do; the same engine ships on the npm registry as
 * `@prisma/schema-engine-wasm` and talks to the database through a driver
 * adapter. `applyMigrations` is what `prisma migrate deploy` runs, and
 * `createMigration` what `prisma migrate dev` runs, so the migration folders
 * and the `_prisma_migrations` table are exactly Prisma's.
 */
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRISMA_DIR = path.resolve(here, '../../prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');

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

/**
 * Runs `work` with an engine on the SQLite file. The engine takes an
 * exclusive lock and does not close its connections when freed, so every
 * connection it opened is disposed here; otherwise the file stays locked for
 * the Prisma Client that opens it next.
 */
async function withEngine<T>(sqliteFile: string, schema: string, work: (e: Engine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const factory = new PrismaBetterSqlite3({ url: `file:${sqliteFile}` });
  const opened: Disposable[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const conn = await connect();
    opened.push(conn);
    return conn;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory as never);
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

async function migrationList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => ({
        path: d,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8') } },
      })),
    ),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet applied to the SQLite file; returns their names. */
export async function applyMigrations(sqliteFile: string): Promise<string[]> {
  const migrationsList = await migrationList();
  return withEngine(sqliteFile, await readFile(SCHEMA_PATH, 'utf8'), async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * Writes a new migration folder for the difference between the schema as of
 * the last migration and `prisma/schema.prisma` (what `prisma migrate dev
 * --create-only` does). The wasm engine has no shadow database for SQLite, so
 * each migration folder keeps the schema it was made from (`schema.prisma`)
 * and the engine diffs two datamodels. Returns the folder name, or null when
 * nothing changed.
 */
export async function createMigration(name: string, scratchFile: string): Promise<string | null> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const previous = (await migrationList()).migrationDirectories.at(-1);
  return withEngine(scratchFile, schema, async (engine) => {
    const from = previous
      ? { tag: 'schemaDatamodel', files: [{ path: 'previous.prisma', content: await readFile(path.join(MIGRATIONS_DIR, previous.path, 'schema.prisma'), 'utf8') }] }
      : { tag: 'empty' };
    const out = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const script = out.stdout ?? '';
    if (!script.trim() || /^-- This is an empty migration/.test(script.trim())) return null;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = `${stamp}_${name}`;
    const dir = path.join(MIGRATIONS_DIR, folder);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), script);
    await writeFile(path.join(dir, 'schema.prisma'), schema);
    const lock = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
    if (!existsSync(lock)) {
      await writeFile(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n');
    }
    return folder;
  });
}
