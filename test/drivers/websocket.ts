/** The web chat driver: a real WebSocket client on /ws/chat. */
import { ChatClient, type TestServer } from '../helpers.js';
import type { ChannelRig, ChatDriver, DriverReply } from './types.js';

class WebUser implements ChatDriver {
  private last: DriverReply = { text: '', options: [] };
  constructor(private readonly c: ChatClient) {}

  async send(text: string) {
    this.c.raw({ type: 'text', text });
    return this.next();
  }

  async pick(label: string) {
    const o = this.last.options.find((x) => x.label === label);
    if (!o) throw new Error(`no option "${label}" in: ${JSON.stringify(this.last)}`);
    this.c.raw({ type: 'choice', value: o.value });
    return this.next();
  }

  async sendPhoto(data: Buffer) {
    this.c.raw({ type: 'image', name: 'photo.jpg', data: data.toString('base64') });
    return this.next();
  }

  async next(ms = 10_000) {
    const f = await this.c.next(ms);
    if (f.type !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(f)}`);
    return (this.last = { text: f.text!, options: f.options ?? [] });
  }

  close() {
    return this.c.close();
  }
}

export class WebSocketRig implements ChannelRig {
  readonly name = 'websocket' as const;
  private server?: TestServer;

  async setup() {
    return {};
  }

  async attach(server: TestServer) {
    this.server = server;
  }

  async user() {
    return new WebUser(await ChatClient.connect(this.server!.wsUrl));
  }

  async teardown() {}
}
