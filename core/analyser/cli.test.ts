import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `wst analyze` process. */
function wst(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/wst.js', 'analyze', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, JURISDICTION: '' } });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

describe('wst analyze', () => {
  it('prints one JSON record for a message argument', () => {
    const r = wst(['--jurisdiction', '330100', '我在萧山区吃出了头发']);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(Object.keys(r.lines[0]!)).toEqual(['intent', 'category', 'severity', 'region', 'enterprise', 'confidence']);
    expect(r.lines[0]).toMatchObject({ intent: 'complaint', region: '330109' });
  });

  it('reads stdin line by line, in order, with empty and 10,000-character lines', () => {
    const long = '我在老张面馆吃出了头发'.repeat(1000).slice(0, 10_000);
    const input = ['你好', '', '查一下 TS20261129-0001', long, '我在朝阳区的饭店吃出了头发', '', '谢谢'].join('\n') + '\n';
    const r = wst(['--jurisdiction', '220100'], input);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.intent)).toEqual(['greeting', 'other', 'progress', 'complaint', 'complaint', 'other', 'greeting']);
    expect(r.lines[1]).toMatchObject({ category: null, severity: null, region: null, enterprise: null });
    expect(r.lines[3]).toMatchObject({ enterprise: '老张面馆' });
    expect(r.lines[4]).toMatchObject({ region: '220104' });
  });

  it('defaults the jurisdiction to 330100', () => {
    expect(wst(['西湖区的饭店']).lines[0]).toMatchObject({ region: '330106' });
  });

  it('refuses a malformed jurisdiction', () => {
    const r = wst(['--jurisdiction', 'hangzhou', '你好']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/6-digit/);
  });
});
