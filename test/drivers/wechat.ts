/** The WeChat driver: contacts of wechaty-puppet-mock talking to the logged-in bot. */
import { FileBox } from 'file-box';
import type { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { WeChatChannel } from '../../channels/wechat/index.js';
import type { TestServer } from '../helpers.js';
import type { ChannelRig, ChatDriver, DriverReply } from './types.js';

/** Options as WeChat shows them: "1. 投诉" lines under the text. */
function parseReply(text: string): DriverReply {
  const options = [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ label: m[2]!, value: m[1]! }));
  return { text, options };
}

export class WeChatUser implements ChatDriver {
  private last: DriverReply = { text: '', options: [] };
  private readonly inbox: DriverReply[] = [];
  private waiter?: () => void;

  constructor(
    readonly contact: mock.ContactMock,
    /** Where this person writes: the bot (private chat) or a room. */
    private readonly to: () => mock.ContactMock | mock.RoomMock,
    private readonly mentions: () => mock.ContactMock[] = () => [],
  ) {}

  deliver(text: string): void {
    this.inbox.push(parseReply(text));
    this.waiter?.();
  }

  async post(text: string): Promise<void> {
    this.contact.say(text, this.mentions()).to(this.to());
  }

  async send(text: string) {
    await this.post(text);
    return this.next();
  }

  async pick(label: string) {
    const o = this.last.options.find((x) => x.label === label);
    if (!o) throw new Error(`no numbered option "${label}" in: ${this.last.text}`);
    return this.send(o.value);
  }

  async sendPhoto(data: Buffer) {
    this.contact.say(FileBox.fromBase64(data.toString('base64'), 'photo.jpg')).to(this.to());
    return this.next();
  }

  /** Replies received and not read yet. */
  pending(): DriverReply[] {
    return [...this.inbox];
  }

  async next(ms = 10_000) {
    const until = Date.now() + ms;
    while (!this.inbox.length) {
      if (Date.now() > until) throw new Error(`no WeChat reply within ${ms} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, until - Date.now()));
        this.waiter = () => {
          clearTimeout(t);
          r();
        };
      });
    }
    return (this.last = this.inbox.shift()!);
  }

  async close() {}
}

export class WeChatRig implements ChannelRig {
  readonly name = 'wechat' as const;
  mocker?: mock.Mocker;
  botUser?: mock.ContactMock;
  private readonly users = new Map<string, WeChatUser>();
  /** Room id → the users posting there, by contact id. */
  private readonly rooms = new Map<string, Map<string, WeChatUser>>();

  async setup() {
    return { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_SEND_INTERVAL_MS: '20', WECHAT_SEND_JITTER_MS: '10', ADMIN_TOKEN: 'test-admin-token-0123456789', WECHAT_PRINT_QR: 'false' };
  }

  async attach(server: TestServer) {
    const ch = server.app.channels.get('wechat') as WeChatChannel;
    const puppet = ch.wechaty.puppet as unknown as PuppetMock;
    this.mocker = puppet.mocker;
    puppet.on('message', ({ messageId }) => {
      const p = this.mocker!.messagePayload(messageId);
      if (!this.botUser || p.talkerId !== this.botUser.id || !p.text) return;
      if (p.roomId) {
        // A group reply mentions whom it answers: deliver it to each mentioned member.
        for (const u of this.rooms.get(p.roomId)?.values() ?? []) if (p.text.includes(`@${u.contact.payload.name}`)) u.deliver(p.text);
      } else if (p.listenerId) this.users.get(p.listenerId)?.deliver(p.text);
    });
    this.botUser = this.mocker.createContact({ id: 'wxid_wanshitong_bot', name: '万食通' });
    this.mocker.login(this.botUser);
    for (let i = 0; i < 200 && !ch.status().up; i++) await new Promise((r) => setTimeout(r, 25));
    if (!ch.status().up) throw new Error('the WeChat bot did not log in');
  }

  async user(name = '微信用户') {
    const contact = this.mocker!.createContact({ name });
    const u = new WeChatUser(contact, () => this.botUser!);
    this.users.set(contact.id, u);
    return u;
  }

  /** A member of a room; `mention` makes each message @mention the bot. */
  member(room: mock.RoomMock, name: string, mention: boolean): WeChatUser {
    const contact = this.mocker!.createContact({ name });
    const u = new WeChatUser(contact, () => room, () => (mention ? [this.botUser!] : []));
    let m = this.rooms.get(room.id);
    if (!m) this.rooms.set(room.id, (m = new Map()));
    m.set(contact.id, u);
    return u;
  }

  async teardown() {}
}
