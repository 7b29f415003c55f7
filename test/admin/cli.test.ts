/**
 * `npx wst unit add` and `npx wst user add … --role … --unit …` with the
 * password on stdin, as an operator runs them; then the user signs in.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, tempDir } from '../helpers.js';
import { login } from './helpers.js';

const dataDir = tempDir();
const wst = (args: string[], input = '') =>
  spawnSync(process.execPath, [path.resolve('bin/wst.js'), ...args], { input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });

afterAll(() => removeDir(dataDir));

describe('wst user / wst unit', () => {
  it('creates units and users from the command line; the password comes from stdin', async () => {
    expect(wst(['unit', 'add', '杭州市市场监督管理局', '--region', '330100']).stdout).toContain('created unit');
    expect(wst(['unit', 'add', '西湖区市场监督管理局', '--region', '330106', '--parent', '杭州市市场监督管理局']).status).toBe(0);
    const bad = wst(['unit', 'add', '坏单位', '--region', '33']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/6 digits/);

    const ok = wst(['user', 'add', 'wang', '--role', 'handler', '--unit', '西湖区市场监督管理局'], 'a-long-secret-1\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('created handler "wang"');
    expect(wst(['user', 'add', 'li', '--role', 'handler'], 'a-long-secret-1\n').stderr).toMatch(/--unit/);
    expect(wst(['user', 'add', 'zhao', '--role', 'king'], 'a-long-secret-1\n').stderr).toMatch(/role must be/);
    expect(wst(['user', 'add', 'zhao', '--role', 'admin'], 'short\n').stderr).toMatch(/at least 10/);
    expect(wst(['user', 'add', 'admin1', '--role', 'admin'], 'another-secret-2\n').status).toBe(0);
    expect(wst(['user', 'list']).stdout).toMatch(/wang\s+handler\s+active\s+西湖区/);
    expect(wst(['user', '--help']).stdout).toMatch(/supervisor/);
    expect(wst(['--help']).stdout).toMatch(/user\s+manage admin-web accounts/);

    const srv = await startServer({ dataDir });
    try {
      const s = await login(srv.app.server, 'wang', 'a-long-secret-1');
      expect(s.csrf).toBeTruthy();
      const user = await srv.app.db.staffUser.findUniqueOrThrow({ where: { username: 'wang' } });
      expect(user.passwordHash).not.toContain('a-long-secret-1');
    } finally {
      await srv.stop();
    }
  });
});
