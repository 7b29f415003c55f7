/**
 * A channel that cannot start, or loses its connection, is retried with
 * backoff and reported on /readyz, while the web chat keeps working.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TelegramUser } from './drivers/telegram.js';
import { ChatClient, removeDir, startServer, type TestServer } from './helpers.js';
import { freePort, TelegramEmulator } from './telegram-emulator.js';

type Ready = { status: string; checks: Record<string, { up: boolean; detail?: string }> };

describe('channel supervision', () => {
  let server: TestServer | undefined;
  let emu: TelegramEmulator | undefined;

  afterAll(async () => {
    await server?.stop();
    await emu?.stop();
    if (server) removeDir(server.dataDir);
  });

  const readyz = async () => (await (await fetch(`${server!.url}/readyz`)).json()) as Ready;
  const until = async (what: (r: Ready) => boolean, ms = 15_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const r = await readyz();
      if (what(r)) return r;
    }
    throw new Error(`readyz never satisfied: ${JSON.stringify(await readyz())}`);
  };

  it('retries a channel that fails to start, reports it, and recovers from a lost connection', async () => {
    const port = await freePort();
    // Nothing listens on the Bot API address yet.
    server = await startServer({ env: { TELEGRAM_BOT_TOKEN: '123456:TEST-token_for-wst', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, TELEGRAM_POLL_MIN_INTERVAL_MS: '30', TELEGRAM_CHAT_INTERVAL_MS: '50' } });
    const down = await readyz();
    expect(down.status).toBe('degraded');
    expect(down.checks.telegram!.up).toBe(false);
    expect(down.checks.telegram!.detail).toMatch(/^start failed 1×, retrying at/);
    expect(down.checks.telegram!.detail).not.toContain('TEST-token'); // no secrets in health output
    expect(down.checks.websocket!.up).toBe(true);

    // The web chat is not affected.
    const web = await ChatClient.connect(server.wsUrl);
    expect(await web.send('你好')).toMatch(/您好/);
    await web.close();

    // The Bot API appears: the retry brings the channel up.
    emu = await TelegramEmulator.start({ proxyPort: port });
    const up = await until((r) => r.checks.telegram!.up);
    expect(up.status).toBe('ready');
    const u = new TelegramUser(emu);
    expect((await u.send('你好')).text).toMatch(/您好/);

    // The connection drops: polling fails and is reported, then resumes.
    await emu.stopProxy();
    const lost = await until((r) => !r.checks.telegram!.up);
    expect(lost.checks.telegram!.detail).toMatch(/^polling failed/);
    await emu.startProxy(port);
    await until((r) => r.checks.telegram!.up);
    expect((await u.send('帮助')).text).toMatch(/使用说明/);
  });
});
