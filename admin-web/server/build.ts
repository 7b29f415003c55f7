/**
 * Builds the admin web's front end with Vite when admin-web/dist is missing
 * or older than its sources: run by `npm install` (postinstall) and by
 * `npm start`, so no extra step is needed.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ADMIN_ROOT, 'dist');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function isBuildCurrent(): boolean {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(newest(path.join(ADMIN_ROOT, 'src')), statSync(path.join(ADMIN_ROOT, 'index.html')).mtimeMs);
  return statSync(index).mtimeMs >= sources;
}

/** Builds unless current. Returns false when Vite is not installed (a production install with a prebuilt dist). */
export async function ensureAdminBuilt(log: (msg: string) => void = console.log): Promise<boolean> {
  if (isBuildCurrent()) return true;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log('admin web: vite is not installed and admin-web/dist is missing or stale');
    return existsSync(path.join(DIST, 'index.html'));
  }
  // Build beside, then swap, so a server serving dist never sees half a build.
  const tmp = `${DIST}.tmp-${process.pid}`;
  await vite.build({ configFile: path.join(ADMIN_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
  rmSync(DIST, { recursive: true, force: true });
  try {
    renameSync(tmp, DIST);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process swapped its build in first
  }
  log('admin web: front end built into admin-web/dist');
  return true;
}
