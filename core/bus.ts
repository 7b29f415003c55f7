/**
 * A publish/subscribe seam between instances. The embedded default runs one
 * process, so the bus is in-process; cluster mode swaps in Redis pub/sub
 * behind the same interface, so that an outbox message written on one
 * instance is delivered by the instance that holds the recipient's socket.
 */
import { EventEmitter } from 'node:events';

export interface BusEvents {
  /** Outbound messages were queued for a chat. */
  outbox: { channel: string; chatId: string };
}

export interface Bus {
  publish<K extends keyof BusEvents>(topic: K, payload: BusEvents[K]): void;
  subscribe<K extends keyof BusEvents>(topic: K, handler: (payload: BusEvents[K]) => void): () => void;
}

export class LocalBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish<K extends keyof BusEvents>(topic: K, payload: BusEvents[K]): void {
    // Deliver after the current tick, as a network bus would.
    queueMicrotask(() => this.emitter.emit(topic, payload));
  }

  subscribe<K extends keyof BusEvents>(topic: K, handler: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }
}
