/**
 * Administrators see the channels and sign the WeChat bot in from the admin
 * web: the QR code (from wechaty-puppet-mock's scan event) is an image only
 * an admin gets, and each fetch is audited. Checked through the API and in
 * headless Chromium.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PuppetMock } from 'wechaty-puppet-mock';
import { ensureAdminBuilt } from '../../admin-web/server/build.js';
import type { WeChatChannel } from '../../channels/wechat/index.js';
import { WeChatRig } from '../drivers/wechat.js';
import { browserAvailable, CHROMIUM, CHROMIUM_FLAGS, removeDir, startServer, type TestServer } from '../helpers.js';
import { call, login, PASSWORD, seedStaff } from './helpers.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('channels in the admin web', () => {
  const rig = new WeChatRig();
  let srv: TestServer;

  beforeAll(async () => {
    await ensureAdminBuilt(() => {});
    srv = await startServer({ env: await rig.setup() });
    await seedStaff(srv.app);
  });
  afterAll(async () => {
    await srv?.stop();
    if (srv) removeDir(srv.dataDir);
  });

  it('shows the QR code to scan to an admin only, audited, as an image and in the page', async () => {
    const ch = srv.app.channels.get('wechat') as WeChatChannel;
    const admin = await login(srv.app.server, 'admin');
    const dispatcher = await login(srv.app.server, 'dispatcher');
    expect((await call(srv.app.server, admin, 'GET', '/admin/api/channels/wechat/qrcode.png')).statusCode).toBe(404); // nothing to scan yet

    (ch.wechaty.puppet as unknown as PuppetMock).mocker.scan('https://login.weixin.qq.com/l/wst-admin');
    for (let i = 0; i < 100 && ch.loginState().state !== 'scan'; i++) await new Promise((r) => setTimeout(r, 20));

    const list = await call(srv.app.server, admin, 'GET', '/admin/api/channels');
    expect(list.statusCode).toBe(200);
    const channels = list.json().channels as { name: string; up: boolean; login?: { state: string } }[];
    expect(channels.map((c) => c.name).sort()).toEqual(['websocket', 'wechat']);
    expect(channels.find((c) => c.name === 'wechat')).toMatchObject({ up: false, login: { state: 'scan' } });
    // The QR code's content is never in the JSON: only the image carries it.
    expect(list.body).not.toContain('wst-admin');

    expect((await call(srv.app.server, null, 'GET', '/admin/api/channels/wechat/qrcode.png')).statusCode).toBe(401);
    expect((await call(srv.app.server, dispatcher, 'GET', '/admin/api/channels/wechat/qrcode.png')).statusCode).toBe(403);
    expect((await call(srv.app.server, dispatcher, 'GET', '/admin/api/channels')).statusCode).toBe(403);
    const png = await call(srv.app.server, admin, 'GET', '/admin/api/channels/wechat/qrcode.png');
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(await srv.app.db.auditLog.count({ where: { action: 'channel-qrcode' } })).toBe(1);

    // The same in the page, where a browser is installed.
    if (browserAvailable()) {
      mkdirSync('tmp/admin', { recursive: true });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
        await page.goto(`${srv.url}/admin/`);
        await page.fill('input[name=username]', 'admin');
        await page.fill('input[name=password]', PASSWORD);
        await page.click('button[type=submit]');
        await page.waitForSelector('header.top');
        await page.click('a[href="#/channels"]');
        const img = page.locator('img.qr');
        await img.waitFor();
        await page.waitForFunction(() => (document.querySelector('img.qr') as HTMLImageElement | null)?.naturalWidth === 320);
        await page.screenshot({ path: 'tmp/admin/channels-qr.png', fullPage: true });
        expect(await page.locator('section.channels').innerText()).toMatch(/等待扫码登录/);
      } finally {
        await browser.close();
      }
    }

    await rig.attach(srv); // the mock account scans and signs in
    const after = (await call(srv.app.server, admin, 'GET', '/admin/api/channels')).json().channels as { name: string; up: boolean; login?: { state: string; user?: string } }[];
    expect(after.find((c) => c.name === 'wechat')).toMatchObject({ up: true, login: { state: 'logged-in', user: '万食通' } });
    expect((await call(srv.app.server, admin, 'GET', '/admin/api/channels/wechat/qrcode.png')).statusCode).toBe(404);
  });
});
