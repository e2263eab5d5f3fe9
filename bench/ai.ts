// npm run bench:ai — how fast the AI searches, next to a peer, in one run on the same machine and one core:
// TicTacToe random playouts per second and MCTS iterations per second, ours (the compiled core) and
// boardgame.io 0.50.2's (`Simulate` with `RandomBot` over full games; `MCTSBot` on its tutorial game), and the
// ratios against the targets of issue 4. Prints figures; asserts nothing.
// boardgame.io lives in bench/peers/boardgame.io/ with its own package.json and lock file, never in the product's
// dependencies; this script installs it there (npm ci) on the first run.
// Usage: npm run bench:ai [-- --seconds S --iterations N]; NODE_ENV=development to measure boardgame.io in that mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
// The compiled core (dist/, as shipped), not the sources through tsx, whose helpers wrap every function.
import { TicTacToe, initialTicTacToe } from '../dist/core/game/tictactoe.js';
import { Rng } from '../dist/core/rng.js';
import { mctsSearch } from '../dist/core/search/mcts.js';
import { randomPlayout } from '../dist/core/search/playout.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return (i >= 0 && Number(args[i + 1])) || fallback;
};
const SECONDS = option('--seconds', 3); // each measurement; the warm-up before it takes a third of that
const ITERATIONS = option('--iterations', 1_000); // MCTS iterations per search, both sides
const TARGET_RANDOM = 100;
const TARGET_MCTS = 35;

const say = (text: string) => process.stderr.write(`${text}\n`);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

// --- The peer: boardgame.io 0.50.2, installed on first use ---------------------------------------------------

const PEER_DIR = fileURLToPath(new URL('./peers/boardgame.io/', import.meta.url));
if (!existsSync(`${PEER_DIR}node_modules/boardgame.io/package.json`)) {
  say('bench:ai: boardgame.io is not installed in bench/peers/boardgame.io/; running npm ci --prefix there');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const done = spawnSync(npm, ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
  if (done.status !== 0) throw new Error('npm ci in bench/peers/boardgame.io failed');
}
// boardgame.io checks that every move's state is JSON-serialisable unless NODE_ENV is production: measure it in
// its fastest setting (unless NODE_ENV is set).
process.env.NODE_ENV ??= 'production';
const peerRequire = createRequire(`${PEER_DIR}package.json`);
const peerVersion = (
  JSON.parse(readFileSync(`${PEER_DIR}node_modules/boardgame.io/package.json`, 'utf8')) as {
    version: string;
  }
).version;

interface BgioState {
  ctx: { gameover?: { winner?: string; draw?: boolean } };
}
interface BgioAction {
  payload: { args?: unknown[] };
}
interface BgioBot {
  iterationCounter: number;
  play(state: BgioState, playerID: string): Promise<{ action?: BgioAction }>;
}
type Enumerate = (G: unknown, ctx: unknown, playerID: string) => unknown[];
interface BgioGame {
  ai: { enumerate: Enumerate };
}
const bgioAi = peerRequire('boardgame.io/ai') as {
  Simulate(opts: { game: BgioGame; bots: Record<string, BgioBot>; state: BgioState }): Promise<{ state: BgioState }>;
  RandomBot: new (opts: { enumerate: Enumerate }) => BgioBot;
  MCTSBot: new (opts: { game: BgioGame; enumerate: Enumerate; iterations: number }) => BgioBot;
};
const { InitializeGame } = peerRequire('boardgame.io/internal') as {
  InitializeGame(opts: { game: BgioGame }): BgioState;
};
const { TicTacToe: BgioTicTacToe } = peerRequire('./tictactoe.js') as { TicTacToe: BgioGame };

// --- Measurement -----------------------------------------------------------------------------------------------

interface Measured {
  count: number;
  /** Calls of the step in the timed run (games or searches). */
  calls: number;
  ms: number;
  perSecond: number;
}

/**
 * Calls `step` (which returns how much it did) for a third of `SECONDS` to warm up, then `reset`s the caller's
 * tallies and calls it again until `SECONDS` have passed.
 */
async function measure(name: string, step: () => number | Promise<number>, reset: () => void): Promise<Measured> {
  const run = async (seconds: number) => {
    const start = performance.now();
    const end = start + seconds * 1000;
    let count = 0;
    let calls = 0;
    let now = start;
    while (now < end) {
      count += await step();
      calls++;
      now = performance.now();
    }
    return { count, calls, ms: now - start };
  };
  say(`bench:ai: ${name}: warm-up`);
  await run(SECONDS / 3);
  reset();
  say(`bench:ai: ${name}: ${SECONDS} s`);
  const { count, calls, ms } = await run(SECONDS);
  return { count, calls, ms, perSecond: count / (ms / 1000) };
}

// --- boardgame.io ----------------------------------------------------------------------------------------------

const enumerate = BgioTicTacToe.ai.enumerate;
type Outcomes = Record<'first' | 'second' | 'draw', number>;
const zero = (o: Outcomes) => () => Object.assign(o, { first: 0, second: 0, draw: 0 });
// boardgame.io's reducer is immutable (immer), so one initial state serves every game and search, as ours does.
const bgioInitial = InitializeGame({ game: BgioTicTacToe });
const bgioOutcomes: Outcomes = { first: 0, second: 0, draw: 0 };
const randomBots = { '0': new bgioAi.RandomBot({ enumerate }), '1': new bgioAi.RandomBot({ enumerate }) };
const bgioRandom = await measure(
  'boardgame.io random games',
  async () => {
    const { state } = await bgioAi.Simulate({ game: BgioTicTacToe, bots: randomBots, state: bgioInitial });
    const over = state.ctx.gameover;
    if (over?.winner === '0') bgioOutcomes.first++;
    else if (over?.winner === '1') bgioOutcomes.second++;
    else if (over?.draw) bgioOutcomes.draw++;
    else throw new Error('boardgame.io: a random game did not finish');
    return 1;
  },
  zero(bgioOutcomes),
);

const mctsBot = new bgioAi.MCTSBot({ game: BgioTicTacToe, enumerate, iterations: ITERATIONS });
const bgioFirstMoves = new Map<string, number>();
const bgioMcts = await measure(
  'boardgame.io MCTS',
  async () => {
    const { action } = await mctsBot.play(bgioInitial, '0');
    const key = String(action?.payload.args?.[0]);
    bgioFirstMoves.set(key, (bgioFirstMoves.get(key) ?? 0) + 1);
    return mctsBot.iterationCounter; // iterations performed by this search
  },
  () => bgioFirstMoves.clear(),
);

// --- Ours ------------------------------------------------------------------------------------------------------

const [first, second] = TicTacToe.players;
const initial = initialTicTacToe();
const ourOutcomes: Outcomes = { first: 0, second: 0, draw: 0 };
const PLAYOUT_BATCH = 256; // read the clock once per batch: a playout takes microseconds
const playoutRng = Rng.seeded(1);
const ourRandom = await measure(
  'yourmove random playouts',
  () => {
    for (let i = 0; i < PLAYOUT_BATCH; i++) {
      const end = randomPlayout(TicTacToe, initial, playoutRng);
      const r = TicTacToe.returns(end);
      if (r[first!]! > r[second!]!) ourOutcomes.first++;
      else if (r[first!]! < r[second!]!) ourOutcomes.second++;
      else ourOutcomes.draw++;
    }
    return PLAYOUT_BATCH;
  },
  zero(ourOutcomes),
);

const searchRng = Rng.seeded(2);
const ourFirstMoves = new Map<string, number>();
const ourMcts = await measure(
  'yourmove MCTS',
  () => {
    const result = mctsSearch(TicTacToe, initial, first!, { iterations: ITERATIONS, rng: searchRng });
    const key = TicTacToe.actionKey(result.action);
    ourFirstMoves.set(key, (ourFirstMoves.get(key) ?? 0) + 1);
    return result.iterations;
  },
  () => ourFirstMoves.clear(),
);

// --- Report ----------------------------------------------------------------------------------------------------

const split = (o: Outcomes) => {
  const n = o.first + o.second + o.draw;
  const pct = (k: number) => `${((100 * k) / n).toFixed(1)}%`;
  return `first ${pct(o.first)}, second ${pct(o.second)}, draw ${pct(o.draw)}`;
};
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} x${v}`)
    .join(', ');
const counted = (m: Measured, what: string) => `${fmt(m.count)} ${what} in ${(m.ms / 1000).toFixed(2)} s`;
const ratio = (ours: Measured, theirs: Measured) => ours.perSecond / theirs.perSecond;
const verdict = (r: number, target: number) =>
  `${r.toFixed(1)}x (target >= ${target}x: ${r >= target ? 'met' : `NOT met, ${(target / r).toFixed(2)}x short`})`;

const cpuModel =
  /^model name\s*:\s*(.+)$/m.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ??
  cpus()[0]?.model ??
  'unknown';
process.stdout.write(
  `yourmove AI benchmark: TicTacToe, ours (compiled dist/) next to boardgame.io ${peerVersion}, one core, ` +
    `${SECONDS} s per measurement after a ${(SECONDS / 3).toFixed(1)} s warm-up\n`,
);
line('command', ['npm run bench:ai', ...(args.length ? ['--', ...args] : [])].join(' '));
line('machine', `${cpuModel}, ${cpus().length} cores`);
line('node', process.version);
line('boardgame.io NODE_ENV', process.env.NODE_ENV ?? '');
line('random: boardgame.io Simulate+RandomBot', counted(bgioRandom, 'games'));
line('random: boardgame.io games/s', fmt(bgioRandom.perSecond));
line('random: boardgame.io outcomes', split(bgioOutcomes));
line('random: yourmove randomPlayout', counted(ourRandom, 'playouts'));
line('random: yourmove playouts/s', fmt(ourRandom.perSecond));
line('random: yourmove outcomes', split(ourOutcomes));
line(`mcts: boardgame.io MCTSBot (${fmt(ITERATIONS)}/search)`, counted(bgioMcts, `iterations, ${bgioMcts.calls} searches`));
line('mcts: boardgame.io iterations/s', fmt(bgioMcts.perSecond));
line('mcts: boardgame.io first move (cell)', top(bgioFirstMoves));
line(`mcts: yourmove mctsSearch (${fmt(ITERATIONS)}/search)`, counted(ourMcts, `iterations, ${ourMcts.calls} searches`));
line('mcts: yourmove iterations/s', fmt(ourMcts.perSecond));
line('mcts: yourmove first move (cell)', top(ourFirstMoves));
line('ratio random playouts (ours/theirs)', verdict(ratio(ourRandom, bgioRandom), TARGET_RANDOM));
line('ratio MCTS iterations/s (ours/theirs)', verdict(ratio(ourMcts, bgioMcts), TARGET_MCTS));
