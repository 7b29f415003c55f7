/**
 * The service as a real process: start-up config errors, SIGTERM, kill -9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChatClient, fileByAnswering, removeDir, tempDir } from '../helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as net.AddressInfo;
  srv.close();
  return port;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/main.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => out, exited };
}

async function startProc(dataDir: string, port: number): Promise<Proc> {
  const p = run({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) return p;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  p.child.kill('SIGKILL');
  throw new Error(`service did not start:\n${p.output()}`);
}

describe('the service process', () => {
  it('refuses to start on a bad setting and names the variable', async () => {
    const p = run({ PORT: 'eighty', DATA_DIR: tempDir() });
    expect(await p.exited).toBe(78);
    expect(p.output()).toMatch(/PORT/);
    const q = run({ JURISDICTION: '3301', DATA_DIR: tempDir() });
    expect(await q.exited).toBe(78);
    expect(q.output()).toMatch(/JURISDICTION/);
  });

  it('keeps every ticket whose number was shown, after kill -9', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let p = await startProc(dataDir, port);
    const chat = await ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`);
    const numbers = [await fileByAnswering(chat, '我要投诉，今天在西湖区老张面馆吃出了头发'), await fileByAnswering(chat, '我要举报拱墅区一家无证小作坊')];
    const lastReplyId = chat.last!.id;
    expect(lastReplyId).toBeTruthy();
    const token = chat.token!;
    // Logs carry no personal data.
    expect(p.output()).not.toMatch(/13800138000|张三/);
    p.child.kill('SIGKILL');
    expect(await p.exited).toBe(null);

    p = await startProc(dataDir, port);
    const again = await ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`, { token });
    // If the kill fell between sending the last reply and recording it, it comes
    // again, with the same id; nothing else is repeated.
    const repeated = await again.next(500).catch(() => null);
    if (repeated) expect(repeated.id).toBe(lastReplyId);
    for (const n of numbers) expect(await again.send(n)).toMatch(/待受理/);
    await again.close();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    removeDir(dataDir);
  });

  it('finishes the message in flight on SIGTERM, then exits 0', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const p = await startProc(dataDir, port);
    const chat = await ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`);
    expect(await chat.send('我要投诉')).toMatch(/发生了什么/);
    chat.raw({ type: 'text', text: '买到的牛奶过期了' });
    await new Promise((r) => setTimeout(r, 5));
    p.child.kill('SIGTERM');
    const reply = await chat.next();
    expect(reply.text).toMatch(/哪家商户/);
    expect(await p.exited).toBe(0);
    expect(p.output()).toMatch(/shutting down/);
    removeDir(dataDir);
  });
});
