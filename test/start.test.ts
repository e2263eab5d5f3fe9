// `npm start` at a terminal: the "your move" screen, then the game. Run through a real pseudo-terminal
// (util-linux `script`), since the game starts only when standard input and output are a terminal.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';

function atTerminal(command: string, input: string) {
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: PACKAGE_ROOT, input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: r.stdout.replace(/\r/g, '') };
}

describe('npm start at a terminal', () => {
  it('shows the your-move screen, then plays a turn and quits on q', () => {
    const r = atTerminal(`node ${join('bin', 'yourmove.js')}`, '0\nq\n');
    expect(r.status).toBe(0);
    expect(r.out).toContain('Your move, NATO.');
    expect(r.out).toContain('=== Turn 1, from 2024-11-08: the situation as NATO knows it ===');
    expect(r.out).toContain('Turn 1 — 2024-11-15 (as NATO knows it)');
    expect(r.out).toContain('Their answers:');
    expect(r.out).toContain('=== Turn 2, from 2024-11-15');
  });

  it('is what npm start runs', () => {
    const r = atTerminal('npm start --silent', 'q\n');
    expect(r.status).toBe(0);
    expect(r.out).toContain('=== Turn 1, from 2024-11-08: the situation as NATO knows it ===');
  });
});
