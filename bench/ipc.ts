/**
 * Messages between the harness (bench/run.ts) and the processes it starts:
 * the service, the echo baseline and the citizens driver.
 */

export type ParentMessage =
  | { cmd: 'memory' }
  | { cmd: 'meter' }
  | { cmd: 'stop' }
  | ({ cmd: 'turns' } & TurnsJob)
  | ({ cmd: 'idle' } & IdleJob)
  | { cmd: 'release' };

/** C citizens filing complaints turn by turn against `wsUrl`. */
export interface TurnsJob {
  wsUrl: string;
  /** "service": answer what the bot asks; "echo": the same messages in the usual order. */
  target: 'service' | 'echo';
  concurrency: number;
  warmupMs: number;
  runs: number;
  runMs: number;
  /** Mean pause before each message (±50%): 0 is a closed loop at full speed; a few seconds is a person typing. */
  thinkMs?: number;
}

/** One measured window of a turns job. */
export interface TurnsWindow {
  turns: number;
  seconds: number;
  tps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  tickets: number;
  /** Messages the service refused as too fast (resent after a wait, so inside the latency). */
  rate_limited: number;
}

/** N web-chat sessions that say hello and then stay idle until `release`. */
export interface IdleJob {
  wsUrl: string;
  sessions: number;
  /** Connections opened at the same time (the server's accept backlog is finite). */
  parallel: number;
}

export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
}

/** Resident memory after a full collection, when --expose-gc made one possible. */
export async function memorySnapshot(): Promise<MemorySnapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    // Twice, with a tick between, so that weak callbacks and finalizers run.
    gc();
    await new Promise((r) => setTimeout(r, 50));
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, gc: !!gc };
}
