/**
 * `wst user add <username> --role <role> [--unit <unit>] [--name <display name>]`
 * reads the password from stdin (typed twice without echo on a terminal, or
 * the first line of a pipe: `printf '%s\n' "$PW" | npx wst user add …`).
 * `wst user list`, `wst user passwd <username>`.
 */
import type { Command } from '../../core/cli/main.js';
import { loadConfig } from '../../core/config.js';
import { openForCli } from './cli-db.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { ROLES } from './roles.js';
import { createUser, UserError } from './users.js';

export function parseFlags(args: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      flags[k!] = v ?? args[++i] ?? '';
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Reads a password: without echo on a terminal (asked twice), else the first line of stdin. */
export async function readPassword(prompt = 'Password: '): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = '';
    for await (const chunk of stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(q);
      stdin.setRawMode(true);
      stdin.resume();
      let s = '';
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(s);
          }
          if (ch === '\u0003') process.exit(130);
          if (ch === '\u007f') s = s.slice(0, -1);
          else s += ch;
        }
      };
      stdin.on('data', onData);
    });
  const a = await ask(prompt);
  const b = await ask('Again: ');
  if (a !== b) throw new UserError('the passwords differ');
  return a;
}

const usage = `Usage:
  wst user add <username> --role <role> [--unit <unit name or id>] [--name <display name>]
      reads the password from stdin (at least ${MIN_PASSWORD_LENGTH} characters)
  wst user list
  wst user passwd <username>      (new password from stdin)

Roles: ${ROLES.join(', ')}
  admin       everything, users and units
  dispatcher  分拣: all tickets, accept/reject, assign to units
  handler     承办: the tickets of their unit (needs --unit)
  supervisor  督办: overdue tickets of all units, escalation
  viewer      dashboards only, no personal data`;

export const command: Command = {
  summary: 'manage admin-web accounts (add, list, passwd)',
  usage,
  async run(args) {
    const { positional, flags } = parseFlags(args);
    const [sub, username] = positional;
    const config = loadConfig();
    const db = await openForCli(config);
    try {
      if (sub === 'add' && username) {
        if (!flags.role) throw new UserError('give --role');
        const password = await readPassword();
        const user = await createUser(db, { username, password, role: flags.role, unit: flags.unit ?? null, displayName: flags.name ?? null });
        console.log(`created ${user.role} "${user.username}"`);
        return 0;
      }
      if (sub === 'list') {
        const users = await db.staffUser.findMany({ orderBy: { username: 'asc' }, include: { unit: true } });
        for (const u of users) console.log(`${u.username.padEnd(20)} ${u.role.padEnd(11)} ${u.active ? 'active' : 'locked'}  ${u.unit?.name ?? ''}`);
        return 0;
      }
      if (sub === 'passwd' && username) {
        const user = await db.staffUser.findUnique({ where: { username } });
        if (!user) throw new UserError(`no user "${username}"`);
        const password = await readPassword('New password: ');
        if ([...password].length < MIN_PASSWORD_LENGTH) throw new UserError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        await db.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
        await db.staffSession.deleteMany({ where: { userId: user.id } });
        console.log(`password of "${username}" changed; their sessions ended`);
        return 0;
      }
      console.error(usage);
      return 2;
    } catch (err) {
      if (err instanceof UserError) {
        console.error(`wst user: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await db.$disconnect();
    }
  },
};
