/**
 * Child processes of the harness: each runs `node --import tsx <script>`
 * with an IPC channel, says {"type":"ready"} when it can work, and answers
 * each request with one {"type":"result"} or {"type":"failed"}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParentMessage } from './ipc.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The ready message (the service and the echo server send their port). */
  ready: { type: 'ready'; port?: number };
  /** From spawning to the ready message (the service: start-up, migrations, resuming the outbox). */
  readyMs: number;
  request<T>(msg: ParentMessage, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Soft limit of open files for the child (ulimit -n), when above the inherited one. */
  nofile?: number;
  label: string;
}

/** Starts a TypeScript entry of this repository as its own node process. */
export async function spawnNode(script: string, opts: SpawnOptions): Promise<Child> {
  const args = [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, script)];
  const env = { ...process.env, ...opts.env };
  const t0 = performance.now();
  // `ulimit -n` only through a shell: node cannot raise its own limit.
  const proc = opts.nofile
    ? spawn('/bin/sh', ['-c', `ulimit -n ${opts.nofile} && exec "$0" "$@"`, process.execPath, ...args], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exited = true;
      for (const w of waiting.splice(0)) w.reject(new Error(`${opts.label} exited (${code ?? signal})`));
      resolve();
    }),
  );
  const ready = await new Promise<Child['ready']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.label} not ready within 60 s`)), 60_000);
    proc.once('message', (m: Child['ready']) => {
      clearTimeout(timer);
      resolve(m);
    });
    proc.once('exit', (code) => reject(new Error(`${opts.label} exited before ready (code ${code})`)));
  });
  proc.on('message', (m: { type: string; error?: string }) => {
    const w = waiting.shift();
    if (!w) return;
    if (m.type === 'failed') w.reject(new Error(`${opts.label}: ${m.error}`));
    else w.resolve(m.type === 'result' ? (m as { result?: unknown }).result : m);
  });
  return {
    proc,
    pid: proc.pid!,
    ready,
    readyMs: performance.now() - t0,
    request<T>(msg: ParentMessage, timeoutMs = 600_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${opts.label}: no answer to ${msg.cmd} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send(msg);
      });
    },
    async stop() {
      if (exited) return;
      proc.send({ cmd: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
