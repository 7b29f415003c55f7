import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, jurisdiction: '330100', timeZone: 'Asia/Shanghai', defaultLocale: 'zh-CN', sessionIdleMs: 30 * 60_000, sqliteSynchronous: 'FULL' });
    expect(c.database).toEqual({ file: expect.stringMatching(/data[/\\]wanshitong\.db$/) });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['JURISDICTION', '3301'],
    ['DEFAULT_LOCALE', 'fr'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['TIME_ZONE', 'Mars/Olympus'],
    ['DATABASE_URL', 'mysql://x'],
  ])('refuses %s=%s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
