/**
 * Games with bots: every actor the script does not move this turn is played by its bot, from its observation.
 * The game record holds every order played, bots' included, so it replays without them (core/engine/game.ts).
 */
import { playGame, type PlayedTurn } from '../core/engine/game.ts';
import { observer } from '../core/engine/observe.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import type { GameState } from '../core/engine/state.ts';
import { crisisGame } from '../core/game/crisis.ts';
import type { Id, Scenario } from '../core/model.ts';
import { Rng } from '../core/rng.ts';
import type { Bot, BotKind, Budget, Decision } from './bot.ts';
import { heuristicBot } from './heuristic-bot.ts';
import { searchBot } from './search-bot.ts';

/** A search bot's iterations when no budget is given: each plays every candidate plan in one sampled world. */
export const DEFAULT_ITERATIONS = 30;

export interface BotOptions {
  kind: BotKind;
  /** For search bots. */
  budget?: Budget;
  /** Heuristic bots weigh their plan against passing (slower). */
  explain?: boolean;
  /** Heuristic bots give reasons (default: yes; forecast runs read none). */
  reasons?: boolean;
}

/** One bot per actor but `player` (and none for `player` when it is null), seeded from the game's seed. */
export function makeBots(s: Scenario, seed: number, player: Id | null, options: BotOptions): Bot[] {
  const game = crisisGame(s);
  const bots: Bot[] = []; // pushed, not mapped: a packed array (src/core/packed.ts)
  s.actors.forEach((a, i) => {
    const botSeed = Rng.derive(seed, 100 + i).nextU32();
    if (a.id === player) return;
    bots.push(
      options.kind === 'mcts'
        ? searchBot(game, a.id, { seed: botSeed, budget: options.budget ?? { iterations: DEFAULT_ITERATIONS } })
        : heuristicBot(game, a.id, {
            seed: botSeed,
            ...(options.explain ? { explain: { rollouts: 4, depth: 4 } } : {}),
            ...(options.reasons === false ? { reasons: false } : {}),
          }),
    );
  });
  return bots;
}

export interface BotTurn extends PlayedTurn {
  decisions: Decision[];
}

/**
 * One turn's orders: the scripted ones, and for every actor the script does not move this turn its bot's, decided
 * on its observation. Every game loop with bots goes through here (playWithBots, interactive play, forecast runs).
 * With `add`, a scripted actor's bot still plays and the scripted orders come on top of its plan (a cascade's
 * trigger, an option weighed by advise: an event in a turn the actor otherwise plays as usual).
 */
export function botTurn(
  state: GameState,
  scripted: TurnOrders,
  bots: readonly Bot[],
  add = false,
): { orders: TurnOrders; decisions: Decision[] } {
  const orders: TurnOrders = { ...scripted };
  const decisions: Decision[] = [];
  const see = observer(state); // what all bots see alike is built once
  for (const bot of bots) {
    const mine = orders[bot.actor];
    if (mine !== undefined && !add) continue; // the script moves this actor this turn
    const d = bot.decide(see(bot.actor));
    decisions.push(d);
    if (d.orders.length > 0) orders[bot.actor] = mine === undefined ? d.orders : [...mine, ...d.orders];
  }
  return { orders, decisions };
}

export function playWithBots(s: Scenario, seed: number, scripted: readonly TurnOrders[], turns: number, bots: readonly Bot[]) {
  const decisions: Decision[][] = [];
  const game = playGame(s, seed, scripted, turns, {
    complete: (state, orders) => {
      const turn = botTurn(state, orders, bots);
      decisions.push(turn.decisions);
      return turn.orders;
    },
  });
  return { ...game, turns: game.turns.map((t, i): BotTurn => ({ ...t, decisions: decisions[i] ?? [] })) };
}
