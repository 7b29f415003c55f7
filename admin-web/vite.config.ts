// Vite config of the admin web's front end: plain TypeScript, no framework,
// served by the service under /admin (see admin-web/server/plugin.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  logLevel: 'warn',
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, target: 'es2022', sourcemap: false },
});
