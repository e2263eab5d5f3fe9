/**
 * A real Redis server for tests: `redis-server` (Debian's package; .ci/run installs it) on a free loopback port,
 * without persistence unless asked (then an append-only file in a folder of its own), stopped with the test file.
 * `restart` stops it and starts it again on the same port, as a restarted server: empty without persistence, with its
 * data back with it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Stop (SIGTERM: a server with persistence writes its data first) and start again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** More redis-server options: `['--replicaof', host, port]` makes a read-only one. */
  extra?: string[];
  /** Keep the data across restarts: `--appendonly yes` in a temporary folder. */
  persist?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start `redis-server` with `args`; resolves once it accepts connections. */
async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${out}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

const ended = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Start a server; a bare array is `extra` (kept for the callers that pass options that way). */
export async function startRedis(options: RedisOptions | string[] = {}): Promise<RedisServer> {
  const o: RedisOptions = Array.isArray(options) ? { extra: options } : options;
  if (spawnSync('redis-server', ['--version']).error)
    throw new Error('redis-server is not installed: apt-get install redis-server (.ci/run does)');
  const port = await freePort();
  const dir = o.persist ? mkdtempSync(join(tmpdir(), 'yourmove-redis-')) : undefined;
  const persistence = dir ? ['--appendonly', 'yes', '--dir', dir] : ['--appendonly', 'no'];
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', ...persistence, ...(o.extra ?? [])];
  let child = await launch(args, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await ended(child);
      child = await launch(args, port);
    },
    stop: async () => {
      await ended(child);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
