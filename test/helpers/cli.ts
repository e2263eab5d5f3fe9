import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/lang/builtins.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const BIN = join(PACKAGE_ROOT, 'bin', 'yourmove.js');

/** Run the real `yourmove` command (bin/yourmove.js over the built dist/), as a user would; `input` is typed on stdin. */
export function yourmove(args: string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A `yourmove` process left running, to be signalled once it has said what the test waits for. */
export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /**
   * Resolves once stderr matches `pattern`, however long the machine takes (never a fixed delay); rejects, with what
   * was said, if the process ends first.
   */
  said: (pattern: RegExp) => Promise<void>;
  /** Resolves with the exit status once the process has ended and its output is all in. */
  ended: () => Promise<number | null>;
}

export function startYourmove(args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    said: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(err)) return;
          child.stderr!.off('data', check);
          resolve();
        };
        child.stderr!.on('data', check);
        void closed.then((code) => reject(new Error(`yourmove ended (${code}) before saying ${pattern}: ${err}`)));
        check();
      }),
    ended: () => closed,
  };
}
