// npm run build:admin (also run by postinstall and at start): builds the
// admin web's front end into admin-web/dist when it is missing or stale.
import { ensureAdminBuilt } from '../admin-web/server/build.js';

const ok = await ensureAdminBuilt((msg) => console.log(`[wst] ${msg}`));
process.exit(ok ? 0 : 1);
