/** The Telegram driver: a user of the Bot API emulator (test/telegram-emulator.ts). */
import { randomUUID } from 'node:crypto';
import type { TestServer } from '../helpers.js';
import { TelegramEmulator } from '../telegram-emulator.js';
import type { ChannelRig, ChatDriver, DriverReply } from './types.js';

let nextId = 1000;

export interface TelegramUserOptions {
  name?: string;
  username?: string;
  /** A group chat instead of the private chat with the bot. */
  group?: { id: number; title: string };
}

export class TelegramUser implements ChatDriver {
  readonly id = nextId++;
  readonly chat: Record<string, unknown>;
  readonly from: Record<string, unknown>;
  private last: DriverReply = { text: '', options: [] };
  private readonly buffer: DriverReply[] = [];

  constructor(
    private readonly emu: TelegramEmulator,
    opts: TelegramUserOptions = {},
  ) {
    const name = opts.name ?? `User${this.id}`;
    this.from = { id: this.id, is_bot: false, first_name: name, ...(opts.username ? { username: opts.username } : {}), language_code: 'zh-hans' };
    this.chat = opts.group ? { id: opts.group.id, type: 'group', title: opts.group.title } : { id: this.id, type: 'private', first_name: name };
  }

  get chatId(): number {
    return this.chat.id as number;
  }

  /** Posts a message update without waiting for a reply. */
  async post(text: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.emu.userMessage({ from: this.from, chat: this.chat, text, ...extra });
  }

  async send(text: string, extra: Record<string, unknown> = {}) {
    await this.post(text, extra);
    return this.next();
  }

  async pick(label: string) {
    const o = this.last.options.find((x) => x.label === label);
    if (!o) throw new Error(`no button "${label}" in: ${JSON.stringify(this.last)}`);
    await this.emu.userCallback({ from: this.from, message: { message_id: 1, chat: this.chat, date: Math.floor(Date.now() / 1000) }, data: o.value });
    return this.next();
  }

  async sendPhoto(data: Buffer) {
    const fileId = `photo-${randomUUID()}`;
    this.emu.files.set(fileId, data);
    await this.post('', { photo: [{ file_id: fileId, file_unique_id: fileId, width: 1280, height: 960, file_size: data.length }] });
    return this.next();
  }

  /** Replies the bot sent to this chat so far (not yet read). */
  async drain(): Promise<DriverReply[]> {
    for (const m of await this.emu.botMessages(this.chatId)) {
      this.buffer.push({ text: m.text, options: (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ label: b.text, value: b.callback_data })) });
    }
    return this.buffer.splice(0);
  }

  async next(ms = 10_000) {
    const until = Date.now() + ms;
    while (!this.buffer.length) {
      this.buffer.push(...(await this.drain()));
      if (this.buffer.length) break;
      if (Date.now() > until) throw new Error(`no Telegram reply within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 40));
    }
    return (this.last = this.buffer.shift()!);
  }

  async close() {}
}

export class TelegramRig implements ChannelRig {
  readonly name = 'telegram' as const;
  emu?: TelegramEmulator;

  async setup() {
    this.emu = await TelegramEmulator.start();
    return this.emu.env();
  }

  async attach(_server: TestServer) {}

  async user(name?: string) {
    return new TelegramUser(this.emu!, name ? { name } : {});
  }

  async teardown() {
    await this.emu?.stop();
  }
}
