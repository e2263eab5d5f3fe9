/**
 * The scenario language's predicates (docs/scenario-language.md, "Predicates") evaluated on a game state:
 * the umpire's truth, as red lines, bandwagons and forecast questions need it. Each predicate is a named
 * test; `holds` is total over the `Predicate` union (the compiler checks every case is handled).
 */
import type { CasualtyKind, Predicate } from '../model.ts';
import { MOBILISATION_LEVELS, dyad, listIn, sideOf, type ActorState, type FrontState, type GameState, type WarState } from './state.ts';
import { compareDates } from '../scenario/dates.ts';

/** Kahn (1965) rung 21, "local nuclear war": the first rung past the "no nuclear use" threshold. */
export const NUCLEAR_USE_RUNG = 21;

/**
 * One state's actors, fronts and wars by id, and the fronts where each actor has forces, each built at its first
 * use. For many reads of a state that does not change meanwhile (a forecast's questions and metrics after a turn):
 * each read then costs what it reads, not the state's size.
 */
export class StateIndex {
  private actors?: Map<string, ActorState>;
  private fronts?: Map<string, FrontState>;
  private wars?: Map<string, WarState>;
  private deployed?: Map<string, FrontState[]>;
  constructor(readonly state: GameState) {}
  actor(id: string): ActorState | undefined {
    return (this.actors ??= new Map(this.state.actors.map((a) => [a.id, a]))).get(id);
  }
  front(id: string): FrontState | undefined {
    return (this.fronts ??= new Map(this.state.fronts.map((f) => [f.id, f]))).get(id);
  }
  war(id: string): WarState | undefined {
    // The first war of an id, as a search of the list finds it.
    return (this.wars ??= new Map([...this.state.wars].reverse().map((w) => [w.id, w]))).get(id);
  }
  /** The fronts where `actor` has forces (any troops), in the state's order. */
  frontsWith(actor: string): readonly FrontState[] {
    if (this.deployed === undefined) {
      this.deployed = new Map();
      for (const f of this.state.fronts)
        for (const x of f.forces) {
          const list = listIn(this.deployed, x.actor);
          if (list.at(-1) !== f) list.push(f);
        }
    }
    return this.deployed.get(actor) ?? [];
  }
}

/** Whether `p` holds in `s` (`at`: an index of `s` to read it by, when many predicates read one state). */
export function holds(p: Predicate, s: GameState, at: StateIndex = new StateIndex(s)): boolean {
  if ('all' in p) return p.all.every((q) => holds(q, s, at));
  if ('any' in p) return p.any.some((q) => holds(q, s, at));
  if ('not' in p) return !holds(p.not, s, at);
  if ('actor_at_war' in p) {
    const { actor, against } = p.actor_at_war;
    return s.wars.some((w) => {
      const side = sideOf(w, actor);
      return w.active && side !== -1 && (against === undefined || w.sides[1 - side]!.includes(against));
    });
  }
  if ('in_combat' in p) return inCombat(s, p.in_combat.actor, p.in_combat.front, at);
  if ('troops_deployed' in p) {
    const { actor, front, territory, at_least } = p.troops_deployed;
    let troops = 0;
    for (const f of at.frontsWith(actor))
      if ((front === undefined || f.id === front) && (territory === undefined || f.territory === territory))
        for (const x of f.forces) if (x.actor === actor) troops += x.troops;
    return troops >= at_least;
  }
  if ('arms_transfer' in p) {
    const { from, to, kind, offensive, flowing } = p.arms_transfer;
    return s.transfers.some(
      (t) =>
        t.from === from &&
        t.to === to &&
        (t.active || (!flowing && t.delivered > 0)) &&
        (kind === undefined ? t.kind === 'munitions' || t.kind === 'weapons' : t.kind === kind) &&
        (offensive === undefined || t.offensive === offensive),
    );
  }
  if ('rung_reached' in p) {
    const { rung, between } = p.rung_reached;
    return (between === undefined ? s.maxRung : (s.rungs[dyad(between[0], between[1])] ?? 0)) >= rung;
  }
  if ('ceasefire' in p) return s.wars.some((w) => w.id === p.ceasefire.conflict && !w.active);
  if ('nuclear_use' in p) {
    const by = p.nuclear_use.by;
    if (by === undefined) return s.maxRung >= NUCLEAR_USE_RUNG;
    return Object.entries(s.rungs).some(([key, rung]) => rung >= NUCLEAR_USE_RUNG && key.split('|').includes(by));
  }
  if ('casualties_exceed' in p) {
    const a = at.actor(p.casualties_exceed.actor);
    return a !== undefined && casualties(a, p.casualties_exceed.kind ?? 'all') > p.casualties_exceed.value;
  }
  if ('front_control_below' in p) return (at.front(p.front_control_below.front)?.control ?? 1) < p.front_control_below.value;
  if ('front_control_above' in p) return (at.front(p.front_control_above.front)?.control ?? 0) > p.front_control_above.value;
  if ('treaty_invoked' in p) {
    const { treaty, by } = p.treaty_invoked;
    return s.triggers.some((t) => t.treaty === treaty && t.invoked && (by === undefined || t.protects === by));
  }
  if ('support_below' in p) return (at.actor(p.support_below.actor)?.support ?? 1) < p.support_below.value;
  if ('mobilised' in p) {
    const a = at.actor(p.mobilised.actor);
    const level = p.mobilised.level ?? 'partial';
    return a !== undefined && MOBILISATION_LEVELS.indexOf(a.mobilisation) >= MOBILISATION_LEVELS.indexOf(level);
  }
  if ('permission_granted' in p) return s.permissions.some((x) => x.id === p.permission_granted.permission && x.allowed);
  // The state's date is the first day of the next turn: a date in the turn just played has been reached.
  if ('date_reached' in p) return compareDates(s.date, p.date_reached.date) > 0;
  return unreachable(p);
}

/** Whether `actor`'s forces stand on a front of an active war where the other side has forces too. */
export function inCombat(s: GameState, actorId: string, frontId?: string, at: StateIndex = new StateIndex(s)): boolean {
  for (const f of at.frontsWith(actorId)) {
    if (frontId !== undefined && f.id !== frontId) continue;
    if (!f.forces.some((x) => x.actor === actorId && x.troops > 0)) continue; // the front's war is read only where it has forces
    const war = at.war(f.conflict);
    if (!war?.active) continue;
    const mine = f.forces.filter((x) => x.actor === actorId && x.troops > 0);
    for (const m of mine) {
      const side = sideOf(war, m.for);
      if (side !== -1 && f.forces.some((x) => x.troops > 0 && sideOf(war, x.for) === 1 - side)) return true;
    }
  }
  return false;
}

function casualties(a: ActorState, kind: CasualtyKind): number {
  const wounded = a.casualties.wounded + a.casualties.returned;
  return kind === 'killed' ? a.casualties.killed : kind === 'wounded' ? wounded : a.casualties.killed + wounded;
}

function unreachable(p: never): never {
  throw new Error(`unknown predicate ${JSON.stringify(p)}`);
}
