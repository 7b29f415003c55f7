/**
 * CSV export from the console with a progress bar, in headless Chromium:
 * the bar runs to the end, the status says how much was exported, and the
 * file the browser saves is the filtered inbox.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminBuilt } from '../../admin-web/server/build.js';
import { browserAvailable, CHROMIUM, CHROMIUM_FLAGS, removeDir, startServer, type TestServer } from '../helpers.js';
import { makeTicket, PASSWORD, seedStaff } from './helpers.js';


describe.skipIf(!browserAvailable())('CSV export in the console', () => {
  let srv: TestServer;
  beforeAll(async () => {
    await ensureAdminBuilt(() => {});
    srv = await startServer({ env: { DEADLINE_CRON: 'off' } });
    await seedStaff(srv.app);
    for (let i = 0; i < 120; i++) await makeTicket(srv.app, { businessName: `第${i}号餐厅`, description: `在滨江区第${i}号餐厅吃到变质的鱼，${'详细情况'.repeat(20)}` });
  });
  afterAll(async () => {
    await srv?.stop();
    if (srv) removeDir(srv.dataDir);
  });

  it('downloads the filtered inbox with a progress bar that reaches the end', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      await page.goto(`${srv.url}/admin/`);
      await page.fill('input[name=username]', 'dispatcher');
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('table.tickets');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('.export button')]);
      await page.locator('.export-status').getByText(/已导出/).waitFor();
      expect(await page.locator('progress.export-progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(1);
      await page.screenshot({ path: 'tmp/admin/09-export.png' });
      expect(download.suggestedFilename()).toBe('tickets.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines).toHaveLength(121);
      expect(csv).toContain('第119号餐厅');
      expect(csv).not.toContain('13912345678');
    } finally {
      await browser.close();
    }
  });
});
