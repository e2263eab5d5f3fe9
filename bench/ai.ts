// npm run bench:ai — how fast the AI searches, next to a peer and next to the limit, in one process on one core:
// TicTacToe random playouts per second and MCTS iterations per second, for three sides:
// - ours: the compiled core's generic `Game` (dist/), `randomPlayout` and `mctsSearch`;
// - by hand: the same game, playouts and UCT with no framework (bench/tictactoe-by-hand.ts), the limit;
// - boardgame.io 0.50.2: `Simulate` with `RandomBot` over full games, `MCTSBot`, on its tutorial game.
// The sides take turns: a warm-up slot each, then R rounds in which each side runs one slot of S seconds per
// measure, in an order that alternates (each round reverses the one before; every two rounds the rotation moves
// on, so over six rounds each side takes each place twice). A slow spell of the machine then falls on every side
// alike. Each slot starts with a full collection, so no side's garbage is collected in another's time, and counts
// its work per second of wall clock and per second of the process's CPU time (all its threads; time spent waiting
// for a core, which the other users of a shared machine cause, is not CPU time). Prints, per measure and side, the
// median and the range over rounds, and the ratios of the medians (with the range of the same-round ratios)
// against issue 4's targets and against the hand-written game ("within 4x", issue 13).
// Before timing it checks that ours and the hand-written game play the same games and build the same search trees
// from the same seeds, so the hand-written ratio is the framework's cost alone: the only thing it asserts.
// boardgame.io lives in bench/peers/boardgame.io/ with its own package.json and lock file, never in the product's
// dependencies; this script installs it there (npm ci) on the first run.
// Usage: npm run bench:ai [-- --rounds R --seconds S --iterations N]; NODE_ENV=development to measure boardgame.io
// in that mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// The compiled core (dist/, as shipped), not the sources through tsx.
import { TicTacToe, initialTicTacToe } from '../dist/core/game/tictactoe.js';
import { Rng } from '../dist/core/rng.js';
import { mctsSearch } from '../dist/core/search/mcts.js';
import { randomPlayout } from '../dist/core/search/playout.js';
import { playoutByHand, uctByHand } from './tictactoe-by-hand.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return (i >= 0 && Number(args[i + 1])) || fallback;
};
const ROUNDS = option('--rounds', 7);
const SECONDS = option('--seconds', 1); // one slot: one side, one measure, one round
const ITERATIONS = option('--iterations', 1_000); // MCTS iterations per search, every side
const TARGET_RANDOM = 100; // issue 4: ours against boardgame.io
const TARGET_MCTS = 35;
const TARGET_BY_HAND = 4; // issue 13: ours within 4x of the hand-written game

const say = (text: string) => process.stderr.write(`${text}\n`);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const times = (r: number) => `${r >= 100 ? fmt(r) : r.toFixed(r >= 10 ? 1 : 2)}x`;

// The collection between slots.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

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

// --- The sides -------------------------------------------------------------------------------------------------

/** One side of one measure: `step` does some work and says how much (playouts, or MCTS iterations). */
interface Contender {
  name: string;
  step: () => number | Promise<number>;
}
type Outcomes = Record<'first' | 'second' | 'draw', number>;
const outcomes = (): Outcomes => ({ first: 0, second: 0, draw: 0 });
const tally = (o: Outcomes, xReturn: number) => {
  if (xReturn > 0) o.first++;
  else if (xReturn < 0) o.second++;
  else o.draw++;
};
const tallies = { ours: outcomes(), byHand: outcomes(), bgio: outcomes() };
const firstMoves = { ours: new Map<string, number>(), byHand: new Map<string, number>(), bgio: new Map<string, number>() };
const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

const PLAYOUT_BATCH = 1024; // read the clock once per batch: a playout takes a microsecond or less
const [first, second] = TicTacToe.players as [string, string];
const initial = initialTicTacToe();

const ourRandom: Contender = (() => {
  const rng = Rng.seeded(1);
  return {
    name: 'yourmove randomPlayout',
    step: () => {
      for (let i = 0; i < PLAYOUT_BATCH; i++) {
        const r = TicTacToe.returns(randomPlayout(TicTacToe, initial, rng));
        tally(tallies.ours, r[first]! - r[second]!);
      }
      return PLAYOUT_BATCH;
    },
  };
})();
const byHandRandom: Contender = (() => {
  const rng = Rng.seeded(1);
  return {
    name: 'by hand',
    step: () => {
      for (let i = 0; i < PLAYOUT_BATCH; i++) tally(tallies.byHand, playoutByHand(0, 0, true, rng));
      return PLAYOUT_BATCH;
    },
  };
})();
// boardgame.io's reducer is immutable (immer), so one initial state serves every game and search, as ours does.
const bgioInitial = InitializeGame({ game: BgioTicTacToe });
const enumerate = BgioTicTacToe.ai.enumerate;
const randomBots = { '0': new bgioAi.RandomBot({ enumerate }), '1': new bgioAi.RandomBot({ enumerate }) };
const bgioRandom: Contender = {
  name: 'boardgame.io Simulate+RandomBot',
  step: async () => {
    const { state } = await bgioAi.Simulate({ game: BgioTicTacToe, bots: randomBots, state: bgioInitial });
    const over = state.ctx.gameover;
    if (!over) throw new Error('boardgame.io: a random game did not finish');
    tally(tallies.bgio, over.winner === '0' ? 1 : over.winner === '1' ? -1 : 0);
    return 1;
  },
};

const ourMcts: Contender = (() => {
  const rng = Rng.seeded(2);
  return {
    name: 'yourmove mctsSearch',
    step: () => {
      const result = mctsSearch(TicTacToe, initial, first, { iterations: ITERATIONS, rng });
      count(firstMoves.ours, TicTacToe.actionKey(result.action));
      return result.iterations;
    },
  };
})();
const byHandMcts: Contender = (() => {
  const rng = Rng.seeded(2);
  return {
    name: 'by hand',
    step: () => {
      count(firstMoves.byHand, String(uctByHand(0, 0, true, ITERATIONS, rng).cell));
      return ITERATIONS;
    },
  };
})();
const mctsBot = new bgioAi.MCTSBot({ game: BgioTicTacToe, enumerate, iterations: ITERATIONS });
const bgioMcts: Contender = {
  name: 'boardgame.io MCTSBot',
  step: async () => {
    const { action } = await mctsBot.play(bgioInitial, '0');
    count(firstMoves.bgio, String(action?.payload.args?.[0]));
    return mctsBot.iterationCounter; // iterations performed by this search
  },
};

// --- Same games, same trees ------------------------------------------------------------------------------------

/**
 * Ours and the hand-written game from the same seeds: the same outcome of every playout and the same draws in all,
 * the same root visits of every search.
 */
function sameGames(): { playouts: number; searches: number } {
  const playouts = 20_000;
  const a = Rng.seeded(11);
  const b = Rng.seeded(11);
  for (let i = 0; i < playouts; i++) {
    const r = TicTacToe.returns(randomPlayout(TicTacToe, initial, a));
    const byHand = playoutByHand(0, 0, true, b);
    if (r[first]! !== byHand) throw new Error(`bench:ai: playout ${i}: ours gives X ${r[first]}, by hand ${byHand}`);
  }
  if (a.state().join() !== b.state().join()) throw new Error('bench:ai: ours and by hand drew different numbers');
  const searches = 50;
  for (let i = 0; i < searches; i++) {
    const c = Rng.seeded(100 + i);
    const d = Rng.seeded(100 + i);
    const ours = mctsSearch(TicTacToe, initial, first, { iterations: ITERATIONS, rng: c });
    const oursVisits = TicTacToe.legalActions(initial, first).map((cell) => ours.stats.find((s) => s.action === cell)!.visits);
    const byHand = uctByHand(0, 0, true, ITERATIONS, d);
    if (oursVisits.join() !== byHand.visits.join() || ours.action !== byHand.cell) {
      throw new Error(`bench:ai: search ${i}: ours visits ${oursVisits.join()}, by hand ${byHand.visits.join()}`);
    }
  }
  return { playouts, searches };
}

// --- Measurement -----------------------------------------------------------------------------------------------

/** Nanoseconds the main thread has spent waiting for a core (Linux's schedstat, its second field); NaN elsewhere. */
function waitedNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
  } catch {
    return NaN;
  }
}

/** One slot's work per second of wall clock and per second of the process's CPU time, and its wait for a core. */
interface Rates {
  wall: number;
  cpu: number;
  /** The share of the slot's wall time the main thread spent waiting for a core (NaN without schedstat). */
  waited: number;
}

/** Calls `step` until `SECONDS` have passed, after a full collection. */
async function slot(c: Contender): Promise<Rates> {
  collect();
  const waited0 = waitedNs();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let done = 0;
  let now = start;
  while (now < end) {
    const n = c.step();
    done += typeof n === 'number' ? n : await n;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = now - start;
  return { wall: done / (ms / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6), waited: (waitedNs() - waited0) / 1e6 / ms };
}

/** The order of the three sides in round r: reversed every round, rotated every two (six orders in all). */
function order<T>(sides: readonly T[], round: number): T[] {
  const k = Math.floor(round / 2) % sides.length;
  const rotated = [...sides.slice(k), ...sides.slice(0, k)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

const measures = [
  { name: 'random playouts/s', sides: [ourRandom, byHandRandom, bgioRandom] },
  { name: `MCTS iterations/s (${fmt(ITERATIONS)} a search)`, sides: [ourMcts, byHandMcts, bgioMcts] },
];
const rates = new Map<Contender, Rates[]>(measures.flatMap((m) => m.sides.map((s) => [s, []] as [Contender, Rates[]])));
const short = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : fmt(n));

const checked = sameGames();
const load0 = loadavg()[0]!;
const t0 = performance.now();
say('bench:ai: warm-up, a slot for each side');
for (const m of measures) for (const s of m.sides) await slot(s);
for (const t of Object.values(tallies)) Object.assign(t, outcomes());
for (const f of Object.values(firstMoves)) f.clear();
for (let round = 0; round < ROUNDS; round++) {
  say(`bench:ai: round ${round + 1} of ${ROUNDS}`);
  for (const m of measures) {
    const done: string[] = [];
    for (const s of order(m.sides, round)) {
      const r = await slot(s);
      rates.get(s)!.push(r);
      done.push(`${s.name} ${short(r.wall)}/s (${short(r.cpu)}/CPU s, waited ${(100 * r.waited).toFixed(0)}%)`);
    }
    say(`  ${m.name}: ${done.join('; ')}`);
  }
}
const wall = (performance.now() - t0) / 1000;

// --- Report ----------------------------------------------------------------------------------------------------

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const range = (xs: readonly number[]) => `${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}`;
const split = (o: Outcomes) => {
  const n = o.first + o.second + o.draw;
  const pct = (k: number) => `${((100 * k) / n).toFixed(1)}%`;
  return `first ${pct(o.first)}, second ${pct(o.second)}, draw ${pct(o.draw)} (${fmt(n)} games)`;
};
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} x${v}`)
    .join(', ');
type Clock = 'wall' | 'cpu';
const of = (c: Contender, clock: Clock) => rates.get(c)!.map((r) => r[clock]);
/** The ratio of the medians of `a` and `b`, with the range of the ratios within each round. */
const ratio = (a: Contender, b: Contender, clock: Clock) => {
  const ra = of(a, clock);
  const rb = of(b, clock);
  const perRound = ra.map((x, i) => x / rb[i]!);
  return { value: median(ra) / median(rb), low: Math.min(...perRound), high: Math.max(...perRound) };
};
const ratioText = (r: { value: number; low: number; high: number }) => `${times(r.value)} (${times(r.low)}-${times(r.high)})`;
const against = (target: number) => (r: { value: number }) =>
  r.value >= target ? 'met' : `NOT met, ${(target / r.value).toFixed(2)}x short`;
const within = (r: { value: number }) => (r.value <= TARGET_BY_HAND ? 'yes' : `NO, ${(r.value / TARGET_BY_HAND).toFixed(2)}x over`);

const cpuModel =
  /^model name\s*:\s*(.+)$/m.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ??
  cpus()[0]?.model ??
  'unknown';
process.stdout.write(
  `yourmove AI benchmark: TicTacToe, ours (compiled dist/), by hand and boardgame.io ${peerVersion}, one core; ` +
    `${ROUNDS} interleaved rounds of a ${SECONDS} s slot per side and measure, after a warm-up slot each\n`,
);
line('date', new Date().toISOString().slice(0, 10));
line('command', ['npm run bench:ai', ...(args.length ? ['--', ...args] : [])].join(' '));
line('machine', `${cpuModel}, ${cpus().length} cores, load average ${load0.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`);
line('node', process.version);
line('boardgame.io NODE_ENV', process.env.NODE_ENV ?? '');
line('timed', `${wall.toFixed(1)} s`);
line('same games as by hand', `${fmt(checked.playouts)} playouts, ${checked.searches} searches: identical outcomes and root visits`);
const waits = [...rates.values()].flat().map((r) => r.waited);
if (waits.every((w) => w === w)) {
  line(
    'main thread waiting for a core',
    `median ${(100 * median(waits)).toFixed(0)}% of a slot (${(100 * Math.min(...waits)).toFixed(0)}%-${(100 * Math.max(...waits)).toFixed(0)}%)`,
  );
}
for (const m of measures) {
  process.stdout.write(`${m.name}: median (min-max over rounds), per second of wall clock | per second of CPU\n`);
  for (const s of m.sides) {
    const w = of(s, 'wall');
    const c = of(s, 'cpu');
    line(`  ${s.name}`, `${fmt(median(w))} (${range(w)}) | ${fmt(median(c))} (${range(c)})`);
  }
}
line('random outcomes: yourmove', split(tallies.ours));
line('random outcomes: by hand', split(tallies.byHand));
line('random outcomes: boardgame.io', split(tallies.bgio));
line('MCTS first move (cell): yourmove', top(firstMoves.ours));
line('MCTS first move (cell): by hand', top(firstMoves.byHand));
line('MCTS first move (cell): boardgame.io', top(firstMoves.bgio));
const ratios: [string, Contender, Contender, string, (r: { value: number }) => string][] = [
  ['random playouts, ours/boardgame.io', ourRandom, bgioRandom, `target >= ${TARGET_RANDOM}x`, against(TARGET_RANDOM)],
  ['MCTS iterations/s, ours/boardgame.io', ourMcts, bgioMcts, `target >= ${TARGET_MCTS}x`, against(TARGET_MCTS)],
  ['random playouts, by hand/ours', byHandRandom, ourRandom, `within ${TARGET_BY_HAND}x`, within],
  ['MCTS iterations/s, by hand/ours', byHandMcts, ourMcts, `within ${TARGET_BY_HAND}x`, within],
];
process.stdout.write('ratios of the medians (range of the same-round ratios), wall clock | CPU\n');
for (const [name, a, b, goal, verdict] of ratios) {
  const wall = ratio(a, b, 'wall');
  const cpu = ratio(a, b, 'cpu');
  line(`  ${name}`, `${ratioText(wall)} | ${ratioText(cpu)}; ${goal}: ${verdict(wall)} | ${verdict(cpu)}`);
}
