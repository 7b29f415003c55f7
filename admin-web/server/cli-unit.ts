/**
 * `wst unit add <name> --region <GB/T 2260 code> [--parent <unit>]`, `wst unit list`:
 * regulatory bodies (e.g. 西湖区市场监管局 330106) that tickets are assigned to.
 */
import type { Command } from '../../core/cli/main.js';
import { loadConfig } from '../../core/config.js';
import { openForCli } from './cli-db.js';
import { parseFlags } from './cli-user.js';
import { createUnit, UserError } from './users.js';

const usage = `Usage:
  wst unit add <name> --region <6-digit code> [--parent <unit name or id>]
  wst unit list`;

export const command: Command = {
  summary: 'manage units (regulatory bodies with a region code)',
  usage,
  async run(args) {
    const { positional, flags } = parseFlags(args);
    const [sub, name] = positional;
    const config = loadConfig();
    const db = await openForCli(config);
    try {
      if (sub === 'add' && name) {
        const unit = await createUnit(db, { name, regionCode: flags.region ?? '', parent: flags.parent ?? null });
        console.log(`created unit "${unit.name}" (${unit.regionCode})`);
        return 0;
      }
      if (sub === 'list') {
        for (const u of await db.unit.findMany({ orderBy: { regionCode: 'asc' }, include: { parent: true } })) console.log(`${u.regionCode}  ${u.name}${u.parent ? `  ⊂ ${u.parent.name}` : ''}`);
        return 0;
      }
      console.error(usage);
      return 2;
    } catch (err) {
      if (err instanceof UserError) {
        console.error(`wst unit: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await db.$disconnect();
    }
  },
};
