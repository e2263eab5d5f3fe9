/**
 * The crisis engine as a generic `Game` (types.ts): every actor moves every turn (simultaneous moves); an action
 * is an actor's list of orders for the turn; returns and terminal states come from returns.ts; observations from
 * observe.ts. `candidates` gives search a short list of sensible plans instead of every legal order, and
 * `determinize` rebuilds a full state from one actor's observation — its unseen parts (other actors' pools and
 * stocks, covert forces it has not found, other actors' red lines and intentions) drawn from the scenario with the
 * searcher's own generator, never read from the true state.
 */
import type { Id, Scenario } from '../model.ts';
import { Rng } from '../rng.ts';
import { apply } from '../engine/apply.ts';
import { initialState } from '../engine/init.ts';
import { legalOrders } from '../engine/legal.ts';
import { observe, observer, type Observation } from '../engine/observe.ts';
import type { Order } from '../engine/orders.ts';
import { isTerminal, returns } from '../engine/returns.ts';
import { covertKey, sideOf, type ForceState, type GameState, type IntelState, type TreatyState } from '../engine/state.ts';
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
 * treaty; ceasefire moves in one's wars; reinforcing or thinning each front of one's wars; mobilising; entering a
 * war beside a treaty partner; arming a partner at war; stopping one's transfers; changing one's permissions; a
 * nuclear alert while at war. Every plan is a single legal order (or none); the game's `legalActions` adds the
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
  if (atWar) for (const o of legal) if (o.type === 'mobilise') add(o);
  for (const o of legal)
    if (
      o.type === 'join_war' &&
      partners.has(o.side_with) &&
      !s.wars
        .find((w) => w.id === o.war)
        ?.sides.flat()
        .includes(actor)
    )
      add(o);
  // Arming a partner that is at war (arming allies at peace buys nothing the model counts but leverage).
  const fighting = new Set(s.wars.filter((w) => w.active).flatMap((w) => w.sides.flat()));
  for (const o of legal) if (o.type === 'transfer' && o.kind === 'weapons' && fighting.has(o.to)) add(o);
  for (const o of legal) if (o.type === 'permit' || o.type === 'forbid' || o.type === 'stop_transfer') add(o);
  if (atWar) add({ type: 'nuclear_signal', level: 'raised' });
  return out;
}

function troopsOn(s: GameState, actor: Id, front: Id): number {
  let n = 0;
  for (const x of s.fronts.find((f) => f.id === front)?.forces ?? []) if (x.actor === actor) n += x.troops;
  return n;
}

/**
 * A full state consistent with `viewer`'s observation: `observe(determinize(o), viewer)` is `o` again (a property
 * test holds it to that over random play in every scenario). What the viewer observes is copied, fronts opened in
 * play and forces on their way to them included; what it cannot see comes from a world drawn from the scenario with
 * `rng` (the searcher's generator): other actors' pools, reserves, stocks and casualties, their red lines (as not
 * yet crossed), the postures and quality of forces (as the scenario gives them, else the owner's quality), and any
 * covert forces the viewer has not found (none: it does not know of them). A working copy for search, never shown.
 */
export function determinize(scenario: Scenario, o: Observation, viewer: Id, rng: Rng): GameState {
  const s = initialState(scenario, rng.nextU32());
  s.turn = o.turn;
  s.date = o.date;
  s.wars = o.wars.map((w) => ({
    ...w,
    sides: [[...w.sides[0]], [...w.sides[1]]],
    declarations: w.declarations.map((d) => ({ ...d })),
    offers: [...w.offers],
  }));
  s.rungs = { ...o.rungs };
  s.maxRung = o.maxRung;
  s.actors = s.actors.map((a) => {
    if (a.id === viewer && o.self) return structuredClone(o.self);
    const seen = o.actors.find((x) => x.id === a.id);
    return seen ? { ...a, mobilisation: seen.mobilisation, support: seen.support } : a;
  });
  const quality = new Map(s.actors.map((a) => [a.id, a.quality]));
  const scenarioFronts = new Map(s.fronts.map((f) => [f.id, f]));
  const intel = new Map<string, IntelState>();
  const estimated = (x: { actor: Id; for: Id; troops: number }, front: Id) => {
    const key = covertKey(x.actor, x.for, front);
    intel.set(key, { viewer, key, actor: x.actor, for: x.for, front, estimate: x.troops });
  };
  s.fronts = o.fronts.map((f) => {
    const prior = scenarioFronts.get(f.id)?.forces ?? [];
    const forces: ForceState[] = f.forces.map((x) => {
      if (x.estimated) estimated(x, f.id);
      const like = prior.find((p) => p.actor === x.actor && p.for === x.for);
      return {
        actor: x.actor,
        for: x.for,
        troops: x.troops,
        posture: like?.posture ?? 'attack',
        covert: x.covert,
        quality: like?.quality ?? quality.get(x.actor) ?? 1,
      };
    });
    const { forces: _seen, ...geography } = f;
    return { ...geography, forces };
  });
  s.transit = o.transit.map((t) => {
    if (t.estimated) estimated(t, t.front);
    return { actor: t.actor, for: t.for, front: t.front, troops: t.troops, covert: t.covert, arrives: t.arrives };
  });
  s.intel = [...intel.values()];
  const priorTransfers = new Map(s.transfers.map((t) => [t.id, t]));
  s.transfers = o.transfers.map((t) => {
    const prior = priorTransfers.get(t.id);
    return {
      ...t,
      amount: t.amount ?? prior?.amount ?? 1,
      delivered: t.delivered ?? 0,
      knownTo: [viewer],
      absorbedFrom: prior?.absorbedFrom ?? null,
    };
  });
  s.sanctions = o.sanctions.map((x) => ({ ...x, by: [...x.by] }));
  s.permissions = o.permissions.map((p) => ({ ...p }));
  const visibleTreaties = new Map(o.treaties.map((t) => [t.id, t]));
  const treaty = (t: Observation['treaties'][number], inForceTurn: number | null): TreatyState => ({
    ...t,
    parties: [...t.parties],
    ratifiedBy: [...t.ratifiedBy],
    obligations: [...t.obligations],
    inForceTurn,
  });
  s.treaties = [
    ...s.treaties.map((t) => {
      const seen = visibleTreaties.get(t.id);
      return seen ? treaty(seen, t.inForceTurn) : t;
    }),
    ...o.treaties.filter((t) => !s.treaties.some((x) => x.id === t.id)).map((t) => treaty(t, null)),
  ];
  s.triggers = o.triggers.map((t) => ({ ...t }));
  s.calls = o.calls.map((c) => ({ ...c }));
  const ownRedLines = new Map(o.redLines.map((r) => [r.id, r]));
  s.redLines = s.redLines.map((r) => {
    const mine = ownRedLines.get(r.id);
    return mine ? { ...mine } : r;
  });
  s.pending = o.pending.map((p) => ({ ...p }));
  return s;
}
