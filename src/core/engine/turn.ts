/**
 * One turn being adjudicated (apply.ts): the state, indexes into it, the queue of orders in adjudication order, what
 * the stages have produced so far (events, violations) and what one stage leaves for a later one in the same turn.
 * Each order kind's module (kinds/) judges its orders against it.
 */
import type { Id } from '../model.ts';
import { KINDS } from './kinds/index.ts';
import { STAGES, type Stage } from './kinds/kind.ts';
import type { Event, Queued, TurnOrders, Violation, ViolationCode } from './orders.ts';
import { alreadyDone } from './defaults.ts';
import { dyad, type ActorState, type FrontState, type GameState, type TriggerState, type WarState } from './state.ts';

export class Turn {
  readonly events: Event[] = [];
  readonly violations: Violation[] = [];
  readonly actors: Map<Id, ActorState>;
  readonly fronts: Map<Id, FrontState>;
  readonly wars: Map<Id, WarState>;
  readonly nextTurn: number;
  readonly days: number;

  // What one stage leaves for another in the same turn.
  /** Actor -> the mobilisation levels it ordered up this turn (politics charges the draft's cost). */
  readonly drafted = new Map<Id, number>();
  /** Actors that ordered a mobilisation this turn (reported even when it raises no one). */
  readonly mobilised = new Set<Id>();
  /** War -> the actors whose ceasefire offers stood from last turn (the other side may take them up). */
  readonly standingOffers = new Map<Id, readonly Id[]>();
  /** War -> the sides whose principals offered a ceasefire this turn. */
  readonly ceasefireSides = new Map<Id, Set<0 | 1>>();
  /** Actor -> rounds already promised this turn by one-off transfers: a stock is not given twice. */
  readonly promisedRounds = new Map<Id, number>();
  /** The wars as they stood when the declarations stage began: declarations are simultaneous. */
  warsBefore: readonly WarState[] = [];
  /** Invasions that may go ahead, with the troops set aside: they march once every declaration is made. */
  readonly invasions: { q: Queued; troops: number }[] = [];
  /** Fronts under fire at the start of the turn (what an alliance's "attack on forces" reads). */
  combatFrontsBefore: ReadonlySet<Id> = new Set();
  /** The seed of the alliances' judgements of an attack (treaties.ts), a stream of their own. */
  treatySeed = 0;
  /** Triggers that arose this turn: an "all means" obligation is invoked without waiting to be asked. */
  readonly newTriggers: TriggerState[] = [];
  /** The dyads a signal or an escalation order named, the rung each stood at before and the highest signalled. */
  readonly signalled = new Map<string, { before: number; rung: number }>();

  /** Orders in a fixed order: actors as the scenario lists them, each actor's own, then those the engine issued. */
  private readonly queue: Queued[] = [];
  private readonly rank: Map<Id, number>;
  private readonly taken = new Set<Stage>();

  constructor(
    readonly state: GameState,
    orders: TurnOrders,
  ) {
    this.actors = new Map(state.actors.map((a) => [a.id, a]));
    this.fronts = new Map(state.fronts.map((f) => [f.id, f]));
    this.wars = new Map(state.wars.map((w) => [w.id, w]));
    this.nextTurn = state.turn + 1;
    this.days = state.turnDays;
    this.rank = new Map(state.actors.map((a, i) => [a.id, i]));
    const queue = this.queue;
    for (const [actor, list] of Object.entries(orders)) list.forEach((order, index) => queue.push({ actor, index, order }));
    // Orders the engine issued (red lines, bandwagons, collapse), numbered after the actor's own.
    for (const p of state.pending.filter((x) => x.turn <= this.nextTurn)) {
      // A red line's act that has come about meanwhile (a delayed declaration of war on an actor already an
      // enemy) is left out, as it would have been at the decision.
      if (p.cause.startsWith('red_line:') && alreadyDone(state, p)) continue;
      const index = (orders[p.actor]?.length ?? 0) + queue.filter((q) => q.actor === p.actor && q.cause !== undefined).length;
      queue.push({ actor: p.actor, index, order: p.order, cause: p.cause });
    }
    state.pending = state.pending.filter((x) => x.turn > this.nextTurn);
    queue.sort((p, q) => this.order(p.actor) - this.order(q.actor) || p.index - q.index);
    for (const q of queue)
      if (!this.actors.has(q.actor)) this.refuse(q, 'unknown_actor', `"${q.actor}" is not an actor of this game`);
      else if (!Object.hasOwn(KINDS, q.order.type))
        this.refuse(q, 'unknown_order', `"${String((q.order as { type: unknown }).type)}" is not an order (docs/orders.md lists them)`);
  }

  /** The orders of a stage from known actors, in adjudication order. Each stage is taken once. */
  stage(name: Stage): Queued[] {
    if (this.taken.has(name)) throw new Error(`engine: stage "${name}" taken twice in one turn`);
    this.taken.add(name);
    return this.queue.filter((q) => Object.hasOwn(KINDS, q.order.type) && KINDS[q.order.type].stage === name && this.actors.has(q.actor));
  }

  /** Take a stage and judge each of its orders by its kind's module, in adjudication order. */
  run(name: Stage): void {
    for (const q of this.stage(name)) (KINDS[q.order.type].adjudicate as (turn: Turn, q: Queued) => void)(this, q);
  }

  /** Every stage is taken each turn: an order whose stage is never run would be dropped without a word. */
  checkStagesTaken(): void {
    const missed = STAGES.filter((x) => !this.taken.has(x));
    if (missed.length > 0) throw new Error(`engine: stages not run this turn: ${missed.join(', ')}`);
  }

  readonly refuse = (q: Queued, code: ViolationCode, message: string): void => {
    this.violations.push({
      actor: q.actor,
      index: q.index,
      order: q.order,
      code,
      message,
      ...(q.cause === undefined ? {} : { cause: q.cause }),
    });
  };

  /** Raise the rung between two actors to `rung` if it stood lower (and the game's highest). */
  readonly raiseRung = (x: Id, y: Id, rung: number): void => {
    const key = dyad(x, y);
    if (rung > (this.state.rungs[key] ?? 0)) {
      this.state.rungs[key] = rung;
      this.events.push({ type: 'rung_reached', between: x < y ? [x, y] : [y, x], rung });
    }
    this.state.maxRung = Math.max(this.state.maxRung, rung);
  };

  /** A rung reached by a signal or an escalation order: raised, and remembered as such, for it fades (escalation.ts). */
  signal(x: Id, y: Id, rung: number): void {
    const key = dyad(x, y);
    const s = this.signalled.get(key);
    if (s) s.rung = Math.max(s.rung, rung);
    else this.signalled.set(key, { before: this.state.rungs[key] ?? 0, rung });
    this.raiseRung(x, y, rung);
  }

  /** Violations in adjudication order: by actor as the scenario lists them, then by the order's place. */
  sortedViolations(): Violation[] {
    return this.violations.sort((p, q) => this.order(p.actor) - this.order(q.actor) || p.index - q.index);
  }

  private order(actor: Id): number {
    return this.rank.get(actor) ?? Infinity;
  }
}
