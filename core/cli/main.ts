/**
 * `wst <command>`: subcommands are registered in an explicit map; each lives
 * in its own module under core/cli/ and is loaded only when called.
 */
export interface Command {
  /** One line for `wst --help`. */
  summary: string;
  /** Full usage for `wst <command> --help`. */
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.js')).command,
  analyze: async () => (await import('./analyze.js')).command,
  user: async () => (await import('../../admin-web/server/cli-user.js')).command,
  unit: async () => (await import('../../admin-web/server/cli-unit.js')).command,
};

async function help(): Promise<string> {
  const rows = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`));
  return ['万食通 (Wanshitong) command line', '', 'Usage: wst <command> [options]', '', 'Commands:', ...rows, '', "Run `wst <command> --help` for a command's options."].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`wst: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  return cmd.run(rest);
}
