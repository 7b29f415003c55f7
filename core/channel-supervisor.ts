/**
 * Starts each channel and keeps trying: a channel whose start fails is
 * retried with backoff (1 s, 2 s, 4 s … up to 5 minutes) while the others
 * run, and its state is what /readyz reports. Losing the connection later is
 * the channel's own business (it reconnects and reports through status()).
 */
import type { Channel, ChannelHost, ChannelName } from '../channels/types.js';

export interface SupervisedState {
  up: boolean;
  detail?: string;
}

export class ChannelSupervisor {
  private readonly failures = new Map<ChannelName, { attempts: number; error: string; retryAt: Date }>();
  private readonly timers = new Map<ChannelName, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly channels: Map<ChannelName, Channel>,
    private readonly host: ChannelHost,
    /** Called when a channel comes up, to deliver what was queued for it. */
    private readonly onUp: (name: ChannelName) => void,
  ) {}

  /** Tries every channel once (concurrently); failed ones are retried in the background. */
  async startAll(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((name) => this.attempt(name)));
  }

  /** A channel's health: its own status once started, the retry state before. */
  status(name: ChannelName): SupervisedState {
    const f = this.failures.get(name);
    if (f) return { up: false, detail: `start failed ${f.attempts}×, retrying at ${f.retryAt.toISOString()}: ${f.error}` };
    return this.channels.get(name)!.status();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(name: ChannelName): Promise<void> {
    if (this.stopped) return;
    const ch = this.channels.get(name)!;
    try {
      await ch.start(this.host);
      const was = this.failures.get(name);
      this.failures.delete(name);
      if (was) this.host.log.info({ channel: name, attempts: was.attempts }, 'channel started after retrying');
      this.onUp(name);
    } catch (err) {
      const attempts = (this.failures.get(name)?.attempts ?? 0) + 1;
      const delay = Math.min(1000 * 2 ** (attempts - 1), 300_000);
      const error = String((err as Error)?.message ?? err).replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot<token>');
      this.failures.set(name, { attempts, error, retryAt: new Date(Date.now() + delay) });
      this.host.log.error({ channel: name, attempts, error, retryInMs: delay }, 'channel failed to start');
      await ch.stop().catch(() => {});
      const timer = setTimeout(() => {
        this.timers.delete(name);
        void this.attempt(name);
      }, delay);
      timer.unref();
      this.timers.set(name, timer);
    }
  }
}
