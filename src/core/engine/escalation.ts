/**
 * Escalation from within (docs/model.md §8): what the turn's events do to the Kahn rung of each dyad, up and down,
 * and what a rung costs those who stand at it.
 *
 * Up, besides declarations, signals and escalation orders (apply.ts):
 * - forces in combat against an enemy they are not at war with (a covert contingent: North Korea's in Kursk) put
 *   their owner and that enemy at RUNG.war;
 * - a war carried onto a new territory of a party it is already fought with (a front opened there) is Kahn's
 *   "compound escalation" (rung 13) between the invader and the owner: Ukraine's Kursk incursion of August 2024;
 * - a supplier allowing strikes on a territory with its weapons (a permission granted while they flow) widens the
 *   war between the recipient and the territory's owner: 13 too. What the owner does about the supplier is its own
 *   stated red line (Russia's of 12 September 2024), not a rule of the engine.
 * Down:
 * - a rung above the standing situation, reached by a signal or an escalation order, falls back after
 *   SIGNAL_DAYS without being raised again: a threat not renewed loses its force;
 * - a ceasefire lowers its belligerents to ARMISTICE_RUNG where no other war stands between them.
 */
import type { Id } from '../model.ts';
import type { Event, NuclearAlert } from './orders.ts';
import { atWar, dyad, type GameState } from './state.ts';

/** Kahn (1965) rungs for engine events. */
export const RUNG = {
  /** 9, "dramatic military confrontations": the top of the traditional crises. */
  armistice: 9,
  /** 12, "large conventional war". */
  war: 12,
  /** 13, "large compound escalation": a war widened to new ground or new means. */
  compound: 13,
  /** Nuclear alerts: 5 show of force; 11 super-ready status; 16 nuclear "ultimatums". */
  signal: { normal: 0, raised: 5, high: 11, ultimatum: 16 } satisfies Record<NuclearAlert, number>,
  /** 44, "spasm or insensate war": the ladder's last rung. */
  top: 44,
} as const;

/** The rung a ceasefire lowers its belligerents to (judgement: an armistice line is a standing confrontation). */
export const ARMISTICE_RUNG = RUNG.armistice;

/**
 * Days a rung reached by a signal or an escalation order holds without being raised again (judgement: Russia's
 * nuclear signalling of 2022-2024 came in waves some months apart — the alert of 27 February 2022, "not a bluff" on
 * 21 September 2022, the doctrine of 25 September 2024 — each renewing a threat the last had let fade).
 */
export const SIGNAL_DAYS = 91;

/**
 * The cost of standing at a rung, 0 (no crisis) to 1 (spasm war), by a stated mapping, not the rung's number: Kahn's
 * thresholds are its anchors, and the first of nuclear use (rung 21) counts as half the ladder, its salience what
 * holds a war below it (Schelling 1960, The Strategy of Conflict, on focal thresholds; Kahn 1965 ch. 3). Between
 * anchors the cost is linear. Judgement, and a named switch: a forecast may vary it.
 */
export const RUNG_COST: readonly (readonly [rung: number, cost: number])[] = [
  [0, 0],
  [3, 0.02], // end of subcrisis manoeuvring ("don't rock the boat")
  [9, 0.1], // end of traditional crises ("nuclear war is unthinkable")
  [20, 0.4], // end of intense crises: nuclear ultimatums, demonstrations, blockade
  [21, 0.5], // local nuclear war: past the "no nuclear use" threshold
  [25, 0.65], // end of bizarre crises
  [26, 0.75], // past the "central sanctuary" threshold
  [31, 0.85], // end of exemplary central attacks
  [38, 0.95], // end of military central wars
  [44, 1], // spasm or insensate war
];

/** The cost of standing at `rung` (RUNG_COST, linear between its anchors). */
export function rungCost(rung: number): number {
  if (rung <= 0) return 0;
  for (let i = 1; i < RUNG_COST.length; i++) {
    const [r1, c1] = RUNG_COST[i]!;
    if (rung <= r1) {
      const [r0, c0] = RUNG_COST[i - 1]!;
      return c0 + ((rung - r0) / (r1 - r0)) * (c1 - c0);
    }
  }
  return 1;
}

/** A raised rung's record: when it was last raised above `floor`, the standing situation it falls back to. */
export interface RaisedRung {
  turn: number;
  floor: number;
}

/**
 * The escalation stage's rules of its own (the module comment), after the turn's declarations, signals and orders
 * have raised the rungs they name. `raise` raises a dyad (never lowers it); `signalled` lists the dyads a signal or an
 * escalation order named this turn, with the rung each stood at before and the highest signalled. Mutates the state;
 * returns the events.
 */
export function escalationFromWithin(
  state: GameState,
  events: readonly Event[],
  raise: (x: Id, y: Id, rung: number) => void,
  signalled: ReadonlyMap<string, { before: number; rung: number }>,
): Event[] {
  const out: Event[] = [];
  const turn = state.turn + 1;

  for (const e of events) {
    if (e.type === 'combat') {
      // Forces in combat: their owner against the enemy side's owners, at war or not.
      const front = state.fronts.find((f) => f.id === e.front);
      const war = front ? state.wars.find((w) => w.id === front.conflict) : undefined;
      if (!front || !war) continue;
      for (const l of e.losses)
        if (l.actor !== l.for)
          for (const x of front.forces) {
            const enemy = war.sides[0].includes(l.for)
              ? war.sides[1].includes(x.for)
              : war.sides[1].includes(l.for) && war.sides[0].includes(x.for);
            if (enemy) raise(l.actor, x.actor, RUNG.war);
          }
    } else if (e.type === 'front_opened') {
      // The war carried onto new ground of a party already fought with (the war had a front before this one).
      const before = state.fronts.filter((f) => f.conflict === e.war && f.id !== e.front).length;
      if (before > 0) raise(e.by, e.territory, RUNG.compound);
    } else if (e.type === 'permission_changed' && e.allowed) {
      const flowing = state.transfers.some((t) => t.active && t.kind === 'weapons' && t.from === e.by && t.to === e.to);
      if (flowing && atWar(state.wars, e.to, e.territory)) raise(e.to, e.territory, RUNG.compound);
    }
  }

  // Signals and escalation orders: remember what they raised, and from what; one that matches a raised rung renews it.
  for (const [key, { before, rung }] of signalled) {
    const held = state.raisedRungs[key];
    if (held && rung >= (state.rungs[key] ?? 0)) held.turn = turn;
    else if (!held && rung > before) state.raisedRungs[key] = { turn, floor: before };
  }
  // Ceasefires: the belligerents step down to an armistice where no other war stands between them.
  for (const e of events) {
    if (e.type !== 'ceasefire') continue;
    const war = state.wars.find((w) => w.id === e.war);
    if (!war) continue;
    for (const x of war.sides[0])
      for (const y of war.sides[1]) {
        if (atWar(state.wars, x, y)) continue;
        const key = dyad(x, y);
        const held = state.raisedRungs[key];
        if (held) held.floor = Math.min(held.floor, ARMISTICE_RUNG);
        else if ((state.rungs[key] ?? 0) > ARMISTICE_RUNG) lower(state, key, ARMISTICE_RUNG, out);
      }
  }
  // Threats not renewed fade: back to the standing situation (at least the war's rung while a war stands).
  const hold = Math.max(1, Math.round(SIGNAL_DAYS / state.turnDays));
  for (const key of Object.keys(state.raisedRungs)) {
    const held = state.raisedRungs[key]!;
    if (turn - held.turn < hold) continue;
    const bar = key.indexOf('|');
    const floor = atWar(state.wars, key.slice(0, bar), key.slice(bar + 1)) ? Math.max(held.floor, RUNG.war) : held.floor;
    delete state.raisedRungs[key];
    if ((state.rungs[key] ?? 0) > floor) lower(state, key, floor, out);
  }
  return out;
}

/**
 * The highest rung each actor stands at now: its own dyads', and for a bloc its members' too (NATO stands where its
 * members stand).
 */
export function standingRungs(state: GameState): Map<Id, number> {
  const own = new Map<Id, number>();
  for (const key in state.rungs) {
    const bar = key.indexOf('|');
    const rung = state.rungs[key]!;
    for (const x of [key.slice(0, bar), key.slice(bar + 1)]) if (rung > (own.get(x) ?? 0)) own.set(x, rung);
  }
  const out = new Map<Id, number>();
  for (const a of state.actors) {
    let rung = own.get(a.id) ?? 0;
    for (const m of a.members) rung = Math.max(rung, own.get(m) ?? 0);
    out.set(a.id, rung);
  }
  return out;
}

/**
 * Escalation is a risk run over time, not a stock held at the end: each turn adds to each actor's `exposure` the
 * rise in the cost of the rung it stands at since the start, over the cost left to the top (negative when it stands
 * lower). The escalation term of its return is the mean over the turns played (returns.ts).
 */
export function accrueExposure(state: GameState): void {
  const rungs = standingRungs(state);
  for (const a of state.actors) {
    const rung = rungs.get(a.id)!;
    if (rung === a.startRung) continue;
    const start = rungCost(a.startRung);
    a.exposure += (rungCost(rung) - start) / (1 - start);
  }
}

function lower(state: GameState, key: string, rung: number, out: Event[]): void {
  state.rungs[key] = rung;
  const bar = key.indexOf('|');
  out.push({ type: 'rung_fell', between: [key.slice(0, bar), key.slice(bar + 1)], rung });
}
