import type { Command } from './main.js';

export const command: Command = {
  summary: 'run the service (same as npm start)',
  usage: 'Usage: wst start\n\nRuns the service with settings from the environment (see README: Configuration).',
  async run() {
    process.argv[1] = 'core/main.ts';
    await import('../main.js');
    return new Promise<number>(() => {}); // runs until a signal stops it
  },
};
