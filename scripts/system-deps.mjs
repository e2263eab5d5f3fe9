// The system programs the tests use as a user would have them (not mocks): redis-server (test/queue.test.ts starts a
// real one) and util-linux's `script` (test/start.test.ts plays in a real pseudo-terminal). `npm test` runs this first,
// so that `npm ci && npm test` sets up a fresh Debian machine: as root it installs what is missing with apt-get;
// otherwise it says what to install, and stops.
import { spawnSync } from 'node:child_process';

const NEEDS = [
  { program: 'redis-server', args: ['--version'], debian: 'redis-server' },
  { program: 'script', args: ['--version'], debian: 'bsdutils' },
];

const has = (n) => !spawnSync(n.program, n.args, { stdio: 'ignore' }).error;
const missing = NEEDS.filter((n) => !has(n));
if (missing.length > 0) {
  const names = missing.map((n) => n.debian);
  const root = process.getuid?.() === 0;
  const apt = !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
  if (!root || !apt) {
    process.stderr.write(
      `npm test needs ${missing.map((n) => n.program).join(', ')}: install ${names.join(' ')} (Debian: sudo apt-get install ${names.join(' ')})\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`npm test: installing ${names.join(', ')} with apt-get\n`);
  const run = (args) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['update', '-qq']);
  const r = run(['install', '-y', '-qq', ...names]);
  if (r.status !== 0 || missing.some((n) => !has(n))) {
    process.stderr.write(`npm test: apt-get could not install ${names.join(' ')}\n`);
    process.exit(1);
  }
}
