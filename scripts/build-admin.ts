// npm run build:admin (also run by postinstall and at start): builds the
// admin web's front end into admin-web/dist when it is missing or stale.
// Without Vite (an install without dev dependencies) it only warns, so that
// `npm install --omit=dev` with a prebuilt dist still succeeds.
import { ensureAdminBuilt } from '../admin-web/server/build.js';

await ensureAdminBuilt((msg) => console.log(`[wst] ${msg}`));
