/**
 * A send pacer for a channel's outbound queue: each send reserves the next
 * free slot for its chat (at least `perKeyMs` after that chat's last send)
 * and for the whole channel (at least `globalMs` after any send), then waits
 * for it. Reservations are made synchronously, so concurrent senders queue
 * up in call order instead of bursting. No message is dropped: a caller
 * only ever waits.
 *
 * Telegram: about 30 messages a second in all, 1 a second per chat, 20 a
 * minute per group (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * WeChat: one global slot a second with jitter, since bursts get accounts banned.
 */
export interface PacerOptions {
  /** Minimum gap between two sends of the channel. */
  globalMs: number;
  /** Random extra gap added to every global slot, 0..jitterMs. */
  jitterMs?: number;
  /** For tests; defaults to Date.now and setTimeout. */
  now?: () => number;
}

export class Pacer {
  private globalNext = 0;
  private readonly keyNext = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly opts: PacerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The delay before a send to `key` may go; the slot is taken. */
  reserve(key: string, perKeyMs: number): number {
    const now = this.now();
    const at = Math.max(now, this.globalNext, this.keyNext.get(key) ?? 0);
    const jitter = this.opts.jitterMs ? Math.floor(Math.random() * this.opts.jitterMs) : 0;
    this.globalNext = at + this.opts.globalMs + jitter;
    this.keyNext.set(key, at + perKeyMs);
    if (this.keyNext.size > 10_000) this.forget(now);
    return at - now;
  }

  /** Waits for the next slot of `key`. */
  async wait(key: string, perKeyMs: number): Promise<void> {
    const delay = this.reserve(key, perKeyMs);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  }

  /** Pushes every slot back (after the channel said "too many requests"). */
  pause(ms: number): void {
    this.globalNext = Math.max(this.globalNext, this.now() + ms);
  }

  private forget(now: number): void {
    for (const [k, at] of this.keyNext) if (at < now) this.keyNext.delete(k);
  }
}
