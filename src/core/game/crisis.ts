/**
 * The crisis engine as a generic `Game` (types.ts): every actor moves every turn (simultaneous moves); an action
 * is an actor's list of orders for the turn; returns and terminal states come from returns.ts; observations from
 * observe.ts. `candidates` gives search a short list of sensible plans instead of every legal order, and
 * `determinize` (engine/determinize.ts, beside observe.ts) rebuilds a full state from one actor's observation — its
 * unseen parts drawn from the scenario with the searcher's own generator, never read from the true state.
 */
import type { Id, Scenario } from '../model.ts';
import { Rng } from '../rng.ts';
import { apply } from '../engine/apply.ts';
import { legalOrders } from '../engine/legal.ts';
import { determinize } from '../engine/determinize.ts';
import { observe, observer, type Observation } from '../engine/observe.ts';
import type { Order } from '../engine/orders.ts';
import { isTerminal, returns } from '../engine/returns.ts';
import { enemiesOfAny, sideOf, type GameState } from '../engine/state.ts';
import { heuristicOrders } from '../policy/heuristic.ts';
import type { Game } from './types.ts';

/** An actor's orders for one turn. */
export type Plan = Order[];

export type CrisisGame = Game<GameState, Plan, Observation> & {
  readonly scenario: Scenario;
  /** The heuristic policy's plan for every actor: the rollout policy of search. */
  heuristicTurn(state: GameState, rng: Rng): Record<Id, Plan>;
  /** The heuristic policy's plan for one actor, its chance drawn from a stream of the turn's own. */
  heuristicPlan(state: GameState, actor: Id): Plan;
  /** The same game in which every actor but `actor` can only follow the heuristic policy (an opponent model). */
  against(actor: Id): CrisisGame;
};

/** At most this many candidate plans per actor and turn (search cost grows with it). */
export const MAX_CANDIDATES = 12;

export function crisisGame(scenario: Scenario): CrisisGame {
  const players = scenario.actors.map((a) => a.id);
  const heuristicPlan = (s: GameState, p: Id) => heuristicOrders(observe(s, p), Rng.derive(s.turn, 7), false).orders;
  const game: CrisisGame = {
    name: `crisis:${scenario.id}`,
    scenario,
    players,
    movers: (s) => (isTerminal(s) ? [] : players),
    legalActions: (s, p) => {
      // The candidates, and what the heuristic policy would do.
      const plans = candidates(s, p);
      const heuristic = heuristicPlan(s, p);
      if (heuristic.length > 0 && !plans.some((x) => planKey(x) === planKey(heuristic))) plans.push(heuristic);
      return plans;
    },
    apply: (s, actions, rng) => {
      const orders: Record<Id, Order[]> = {};
      for (const [p, plan] of Object.entries(actions)) if (plan.length > 0) orders[p] = plan;
      return apply(s, orders, rng).state;
    },
    isTerminal,
    returns,
    observe,
    determinize: (o, p, rng) => determinize(scenario, o, p, rng),
    actionKey: planKey,
    heuristicTurn: (s, rng) => {
      const out: Record<Id, Plan> = {};
      const see = observer(s);
      for (const p of players) out[p] = heuristicOrders(see(p), rng, false).orders;
      return out;
    },
    heuristicPlan,
    against: (actor) => ({ ...game, legalActions: (s, p) => (p === actor ? game.legalActions(s, p) : [heuristicPlan(s, p)]) }),
  };
  return game;
}

/** A plan's key: its orders in a compact, stable text form ("pass" for none). */
export function planKey(plan: Plan): string {
  if (plan.length === 0) return 'pass';
  return plan.map((o) => JSON.stringify(o)).join(' ');
}

/**
 * A short list of plans worth searching: doing nothing; the answers to one's calls to arms; invoking a triggered
 * treaty; ceasefire moves in one's wars; reinforcing or thinning each front of one's wars, attacking or defending
 * there; mobilising; arming a side
 * one leans to (`leaning`); entering a war beside a treaty partner or that side; stopping one's transfers; changing one's permissions;
 * sanctioning the side opposed to one's, or those who fight for it or arm it; a nuclear alert while at war. Every plan is a single legal order (or none); the game's `legalActions` adds the
 * heuristic policy's plan.
 */
export function candidates(s: GameState, actor: Id): Plan[] {
  const legal = legalOrders(s, actor);
  const me = s.actors.find((a) => a.id === actor);
  if (!me) return [[]];
  const out: Plan[] = [[]];
  const add = (o: Order) => {
    if (out.length < MAX_CANDIDATES && !out.some((p) => p.length === 1 && planKey(p) === planKey([o]))) out.push([o]);
  };
  const atWar = s.wars.some((w) => w.active && sideOf(w, actor) !== -1);
  const partners = new Set(s.treaties.filter((t) => t.inForce && t.parties.includes(actor)).flatMap((t) => t.parties));
  for (const o of legal) if (o.type === 'answer_call' || o.type === 'invoke_treaty') add(o);
  for (const o of legal) if (o.type === 'accept_ceasefire' || o.type === 'propose_ceasefire') add(o);
  const half = Math.floor(me.pool / 2);
  for (const o of legal) if (o.type === 'deploy' && o.troops === half) add(o);
  for (const o of legal) if (o.type === 'withdraw') if (o.troops === Math.floor(troopsOn(s, actor, o.front) / 2)) add(o);
  // Going over to the attack or to the defence on a front (holding, the third posture, is the menu's).
  for (const o of legal) if (o.type === 'posture' && o.posture !== 'hold') add(o);
  if (atWar) for (const o of legal) if (o.type === 'mobilise') add(o);
  // Arming a side one leans to in a war, defensively (arming allies at peace buys nothing the model counts but
  // leverage; nothing in the model tells offensive arms from defensive but red lines, so the menu keeps those).
  const leanTo = leaning(s, actor);
  for (const o of legal) if (o.type === 'transfer' && o.kind === 'weapons' && !o.offensive && leanTo.has(o.to)) add(o);
  // Entering a war beside a treaty partner (obligation) or a side one leans to (threat or opportunity).
  for (const o of legal)
    if (
      o.type === 'join_war' &&
      (partners.has(o.side_with) || (me.kind === 'state' && leanTo.has(o.side_with))) &&
      !s.wars
        .find((w) => w.id === o.war)
        ?.sides.flat()
        .includes(actor)
    )
      add(o);
  for (const o of legal) if (o.type === 'permit' || o.type === 'forbid' || o.type === 'stop_transfer') add(o);
  // Sanctioning the other side of a side one leans to, or those who fight for it or arm it (North Korea's troops and
  // shells for Russia): the sanction's cost to oneself is in the economy (economy.ts, friendly fire).
  const against = opposing(s, leanTo);
  for (const o of legal) if (o.type === 'sanction' && against.has(o.on)) add(o);
  if (atWar) add({ type: 'nuclear_signal', level: 'raised' });
  return out;
}

/**
 * The belligerents `actor` leans to: its own side in its wars; in others, the side of its treaty partners, of those
 * it backs or already supplies, and the side opposed to the one its rivals fight for or supply (South Korea leans
 * to Ukraine because North Korea fights for Russia; China to Russia, which it supplies).
 */
export function leaning(s: GameState, actor: Id): Set<Id> {
  const friends = new Set<Id>(s.actors.find((a) => a.id === actor)?.backs ?? []);
  for (const t of s.treaties) if (t.inForce && t.parties.includes(actor)) for (const x of t.parties) friends.add(x);
  for (const t of s.transfers) if (t.active && t.from === actor) friends.add(t.to);
  const rivals = new Set(s.actors.find((a) => a.id === actor)?.rivals ?? []);
  const rivalsHelp = new Set<Id>();
  for (const t of s.transfers) if (t.active && rivals.has(t.from)) rivalsHelp.add(t.to);
  for (const f of s.fronts) for (const x of f.forces) if (rivals.has(x.actor) && x.troops > 0) rivalsHelp.add(x.for);
  const out = new Set<Id>();
  for (const w of s.wars) {
    if (!w.active) continue;
    const own = sideOf(w, actor);
    w.sides.forEach((side, k) => {
      const other = w.sides[1 - k]!;
      const lean = own === k || (own === -1 && (side.some((x) => friends.has(x)) || other.some((x) => rivalsHelp.has(x) || rivals.has(x))));
      if (lean) for (const x of side) if (x !== actor) out.add(x);
    });
  }
  return out;
}

/** The enemies of `sides` in their wars, and those who fight for those enemies or send them weapons or munitions. */
function opposing(s: GameState, sides: ReadonlySet<Id>): Set<Id> {
  const enemies = enemiesOfAny(s.wars, sides);
  const out = new Set(enemies);
  for (const f of s.fronts) for (const x of f.forces) if (x.troops > 0 && enemies.has(x.for)) out.add(x.actor);
  for (const t of s.transfers) if (t.active && enemies.has(t.to) && (t.kind === 'weapons' || t.kind === 'munitions')) out.add(t.from);
  for (const x of sides) out.delete(x);
  return out;
}

function troopsOn(s: GameState, actor: Id, front: Id): number {
  let n = 0;
  for (const x of s.fronts.find((f) => f.id === front)?.forces ?? []) if (x.actor === actor) n += x.troops;
  return n;
}
