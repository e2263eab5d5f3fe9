/**
 * Leverage as dependence (docs/model.md §2): what each actor would lose without each of its suppliers, the measure
 * of the article's "leverage over Russia" for North Korea and of China's standing with Russia (the "third wheel").
 */
import type { Id } from '../model.ts';
import { moneyScale } from './economy.ts';
import { sideOf, type GameState } from './state.ts';

/** recipient -> supplier -> how much the recipient depends on the supplier, 0..1. */
export type Dependence = ReadonlyMap<Id, ReadonlyMap<Id, number>>;

/** `supplier`'s leverage: the sum of every recipient's dependence on it. */
export function leverageOf(dep: Dependence, supplier: Id): number {
  let total = 0;
  for (const [, shares] of dep) total += shares.get(supplier) ?? 0;
  return total;
}

/**
 * How much each actor depends on each supplier (Hirschman 1945, National Power and the Structure of Foreign Trade:
 * power is what a partner would lose without one's supply): for each recipient, the mean over its supply channels,
 * each weighed by how much it matters, of each supplier's share of the channel. A recipient's channels are
 *
 * - each kind of flow to it priced in dollars (weapons and money in `USD million`), one channel, stopped flows
 *   included (a need does not go when the supplier stops meeting it): each supplier's share of the dollars, the
 *   channel weighed by what it brings against the recipient's own defence budget a turn, up to 1 — so $50 m a week of
 *   weapons for Russia, whose budget is ~$2.6 bn a week, counts for 2 % of a channel, and the West's $700 m a week
 *   for Ukraine (budget ~$1.2 bn) for over half of one;
 * - each other standing transfer to it of a kind other than munitions (its unit has no price: North Korea's missiles,
 *   China's shares of Russia's imports), stopped ones included: a channel of its own, the supplier's share 1 while it
 *   flows, 0 once stopped;
 * - its artillery rounds, when it makes or receives any: each supplier's share of its production and deliveries
 *   this turn (North Korea's shells are about half of Russia's, The Times, 4 Oct 2024);
 * - its manpower on each front where it fights (both sides there, in a war under way): each other actor's share of
 *   the troops fighting for it there.
 *
 */
export function dependence(state: GameState): Dependence {
  const channels = new Map<Id, { count: number; shares: Map<Id, number> }>();
  const of = (r: Id) => {
    let c = channels.get(r);
    if (!c) channels.set(r, (c = { count: 0, shares: new Map() }));
    return c;
  };
  const credit = (r: Id, supplier: Id, share: number) => {
    const c = of(r);
    c.shares.set(supplier, (c.shares.get(supplier) ?? 0) + share);
  };
  const rounds = new Map<Id, Map<Id, number>>();
  // Priced flows by recipient and kind: the dollars of each supplier while it flows, and of all, stopped ones included.
  const priced = new Map<string, { to: Id; all: number; by: Map<Id, number> }>();
  for (const t of state.transfers) {
    if (t.kind === 'munitions') {
      if (!t.active || !t.standing) continue;
      const m = rounds.get(t.to) ?? new Map<Id, number>();
      m.set(t.from, (m.get(t.from) ?? 0) + t.amount);
      rounds.set(t.to, m);
      continue;
    }
    if (!t.standing && !t.active) continue;
    const usd = moneyScale(t.unit);
    if (usd !== null) {
      const key = `${t.to}|${t.kind}`;
      const p = priced.get(key) ?? { to: t.to, all: 0, by: new Map<Id, number>() };
      p.all += usd * t.amount;
      if (t.active) p.by.set(t.from, (p.by.get(t.from) ?? 0) + usd * t.amount);
      priced.set(key, p);
      continue;
    }
    of(t.to).count++;
    if (t.active) credit(t.to, t.from, 1);
  }
  const budgets = new Map(state.actors.map((a) => [a.id, a.defenceBudget]));
  for (const p of priced.values()) {
    if (!(p.all > 0)) continue; // flows of nothing: no channel
    const budget = budgets.get(p.to) ?? 0;
    // Weighed by what it brings against the recipient's own means (a full channel when it has no stated budget).
    const weight = budget > 0 ? Math.min(1, p.all / budget) : 1;
    if (weight <= 0) continue;
    of(p.to).count += weight;
    for (const [from, x] of p.by) credit(p.to, from, (weight * x) / p.all);
  }
  for (const a of state.actors) {
    const made = a.munitionsProduction * a.output;
    const given = rounds.get(a.id);
    if (made <= 0 && !given) continue;
    of(a.id).count++;
    let total = made;
    for (const [, n] of given ?? []) total += n;
    if (total > 0) for (const [from, n] of given ?? []) credit(a.id, from, n / total);
  }
  for (const f of state.fronts) {
    // Manpower counts where there is fighting: a front one side holds alone (retaken, its garrison left) is no need.
    const war = state.wars.find((w) => w.id === f.conflict);
    const present = new Set(f.forces.filter((x) => x.troops > 0).map((x) => (war ? sideOf(war, x.for) : -1)));
    if (!war?.active || !present.has(0) || !present.has(1)) continue;
    const sides = new Map<Id, { all: number; by: Map<Id, number> }>();
    for (const x of f.forces) {
      const side = sides.get(x.for) ?? { all: 0, by: new Map<Id, number>() };
      side.all += x.troops;
      if (x.actor !== x.for) side.by.set(x.actor, (side.by.get(x.actor) ?? 0) + x.troops);
      sides.set(x.for, side);
    }
    for (const [r, side] of sides) {
      of(r).count++;
      if (side.all > 0) for (const [from, n] of side.by) credit(r, from, n / side.all);
    }
  }
  const out = new Map<Id, Map<Id, number>>();
  for (const [r, c] of channels) {
    const shares = new Map<Id, number>();
    for (const [from, x] of c.shares) shares.set(from, x / c.count);
    out.set(r, shares);
  }
  return out;
}
