import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/lang/builtins.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `yourmove` command (bin/yourmove.js over the built dist/), as a user would; `input` is typed on stdin. */
export function yourmove(args: string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'yourmove.js'), ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
