/**
 * A complaint filed turn by turn, as a citizen answers whatever the bot
 * asks: the same transcript for every channel driver.
 */
import { expect } from 'vitest';
import type { ChatDriver, DriverReply } from './drivers/types.js';
import { ticketNumber } from './helpers.js';

/** A tiny valid JPEG header plus padding: sniffed as image/jpeg by core/attachments.ts. */
export function jpeg(seed = 1, size = 2048): Buffer {
  const b = Buffer.alloc(size, seed);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  b[3] = 0xe0;
  return b;
}

/** Files a complaint answering each question; returns the ticket number. */
export async function fileComplaint(d: ChatDriver, opts: { photo?: Buffer } = {}): Promise<string> {
  let r: DriverReply = await d.send('我要投诉');
  let photoSent = false;
  for (let turn = 0; turn < 20; turn++) {
    const q = r.text;
    if (/TS\d{8}-\d{4}/.test(q)) return ticketNumber(q);
    if (/核对/.test(q)) {
      expect(q).not.toContain('13800138000'); // masked in the summary
      r = await d.pick('确认提交');
    } else if (/哪一类/.test(q)) r = await d.pick('投诉');
    else if (/发生了什么/.test(q)) r = await d.send('在面条里吃出了一根头发，很恶心');
    else if (/哪家商户|店名/.test(q)) r = await d.send('老张面馆');
    else if (/具体地址/.test(q)) r = await d.send('文三路 123 号');
    else if (/哪个区县/.test(q)) r = await d.pick('西湖区');
    else if (/什么时候/.test(q)) r = await d.send('昨天晚上7点');
    else if (/照片|证据/.test(q) && opts.photo && !photoSent) {
      photoSent = true;
      r = await d.sendPhoto(opts.photo);
      expect(r.text).toMatch(/照片/);
    } else if (/照片|证据/.test(q)) r = await d.pick(photoSent ? '完成' : '没有');
    else if (/姓名/.test(q)) r = await d.send('张三');
    else if (/手机/.test(q)) r = await d.send('13800138000');
    else throw new Error(`unexpected question at turn ${turn}: ${q}`);
  }
  throw new Error('the complaint did not finish within 20 turns');
}
