/**
 * `legalOrders(state, actor)`: a representative menu of orders the engine would accept from `actor` now —
 * every order type that applies, with amounts in a few sizes (a quarter, a half, all) rather than every
 * integer. Bots and the conformance suite draw from it.
 */
import { POSTURES, type Id } from '../model.ts';
import type { NuclearAlert, Order } from './orders.ts';
import {
  MOBILISATION_LEVELS,
  sideClash,
  sideOf,
  sidesInWar,
  sidesOnDeclaring,
  troopsAbroad,
  type CallState,
  type GameState,
} from './state.ts';
import { fightClash } from './treaties.ts';

const SIGNALS: NuclearAlert[] = ['raised', 'high', 'ultimatum'];
const SHARES = [0.25, 0.5, 1];
const ANSWERS = ['honour', 'partial', 'renege'] as const;
/** Kahn rungs offered as escalation orders: 8 harassing acts of violence, 21 local nuclear war. */
const ESCALATION_RUNGS = [8, 21];
/**
 * USD million a turn of weapons offered to a side (judgement): about France's aid to Ukraine in 2024 (fr-aid-2024,
 * $43.5-62.1 m a week), the scale of a middle power's package.
 */
export const ARMS_OFFER = 50;

export function legalOrders(state: GameState, actor: Id): Order[] {
  const me = state.actors.find((a) => a.id === actor);
  if (!me) return [];
  const out: Order[] = [{ type: 'pass' }];
  for (const level of MOBILISATION_LEVELS.slice(MOBILISATION_LEVELS.indexOf(me.mobilisation) + 1)) out.push({ type: 'mobilise', level });
  let abroad: number | undefined;
  for (const front of state.fronts) {
    const war = state.wars.find((w) => w.id === front.conflict);
    if (me.kind === 'state' && war && sideOf(war, actor) !== -1 && me.pool > 0) {
      // Abroad, within what its expeditionary limit leaves room for.
      const room =
        front.territory !== actor && me.expeditionary !== null ? me.expeditionary - (abroad ??= troopsAbroad(state, actor)) : Infinity;
      const sizes = new Set(SHARES.map((share) => Math.floor(Math.min(me.pool * share, room))));
      for (const troops of sizes) if (troops > 0) out.push({ type: 'deploy', front: front.id, troops });
    }
    const here = front.forces.filter((f) => f.actor === actor).reduce((acc, f) => acc + f.troops, 0);
    for (const share of SHARES) {
      const troops = Math.floor(here * share);
      if (troops > 0) out.push({ type: 'withdraw', front: front.id, troops });
    }
    // Another posture for its forces there, in a war under way.
    const held = new Set(front.forces.filter((f) => f.actor === actor && f.troops > 0).map((f) => f.posture));
    if (held.size > 0 && war?.active)
      for (const posture of POSTURES) if (held.size > 1 || !held.has(posture)) out.push({ type: 'posture', front: front.id, posture });
  }
  const enemies = new Set<Id>();
  for (const w of state.wars) {
    const side = sideOf(w, actor);
    if (!w.active || side === -1) continue;
    out.push({ type: 'propose_ceasefire', war: w.id });
    for (const e of w.sides[1 - side]!) enemies.add(e);
  }
  for (const w of state.wars) {
    if (!w.active) continue;
    const side = sideOf(w, actor);
    if (side === -1) {
      // Joining a side declares war on the other side's principal: not on someone already an enemy.
      for (const k of [0, 1] as const) {
        const sideWith = w.sides[k][0];
        const on = w.sides[1 - k]![0];
        if (sideWith !== undefined && on !== undefined && !enemies.has(on) && !sideClash(state.wars, actor, sidesInWar(w, sideWith)))
          out.push({ type: 'join_war', war: w.id, side_with: sideWith });
      }
    } else {
      out.push({ type: 'accept_ceasefire', war: w.id });
      out.push({ type: 'reject_ceasefire', war: w.id });
    }
  }
  for (const other of state.actors)
    if (other.id !== actor && !enemies.has(other.id) && !sideClash(state.wars, actor, sidesOnDeclaring(state.wars, actor, other.id)))
      out.push({ type: 'declare_war', on: other.id });
  // Invading an enemy with no front on its territory (where there is one, deploying there is the same thing).
  if (me.kind === 'state')
    for (const e of enemies) {
      const owner = state.actors.find((a) => a.id === e);
      if (owner?.kind !== 'state' || state.fronts.some((f) => f.territory === e && state.wars.some((w) => w.id === f.conflict && w.active)))
        continue;
      for (const share of SHARES) {
        const troops = Math.floor(me.pool * share);
        if (troops > 0) out.push({ type: 'invade', territory: e, troops });
      }
    }
  for (const level of SIGNALS) out.push({ type: 'nuclear_signal', level });
  if (enemies.size > 0) for (const rung of ESCALATION_RUNGS) out.push({ type: 'escalate', rung });
  for (const t of state.treaties)
    if (!t.inForce && t.rejectedBy === null && t.parties.includes(actor) && !t.ratifiedBy.includes(actor)) {
      out.push({ type: 'ratify', treaty: t.id });
      out.push({ type: 'reject_treaty', treaty: t.id });
    }
  const partners = new Set<Id>();
  for (const w of state.wars) {
    const side = sideOf(w, actor);
    if (w.active && side !== -1) for (const x of w.sides[side]) if (x !== actor) partners.add(x);
  }
  for (const t of state.treaties) if (t.inForce && t.parties.includes(actor)) for (const x of t.parties) if (x !== actor) partners.add(x);
  // Arming a side of a war one is not in is open to anyone not at war with it: South Korea's arms for Ukraine,
  // China's for Russia (weapons in USD million a turn, DEFAULT_UNIT; defensive or usable offensively).
  for (const w of state.wars) if (w.active) for (const x of w.sides.flat()) if (x !== actor && !enemies.has(x)) partners.add(x);
  for (const to of [...partners].sort()) {
    if (me.munitions >= 1) out.push({ type: 'transfer', to, kind: 'munitions', amount: Math.floor(me.munitions / 4) || 1 });
    out.push({ type: 'transfer', to, kind: 'weapons', amount: ARMS_OFFER, standing: true });
    out.push({ type: 'transfer', to, kind: 'weapons', amount: ARMS_OFFER, standing: true, offensive: true });
    out.push({ type: 'transfer', to, kind: 'money', amount: 100 });
  }
  for (const t of state.transfers) if (t.from === actor && t.active) out.push({ type: 'stop_transfer', transfer: t.id });
  for (const other of state.actors)
    if (other.id !== actor && !state.sanctions.some((x) => x.active && x.on === other.id && x.by.includes(actor)))
      out.push({ type: 'sanction', on: other.id, intensity: 0.1 });
  for (const x of state.sanctions) if (x.active && x.by.includes(actor)) out.push({ type: 'lift_sanction', sanction: x.id });
  for (const p of state.permissions)
    if (p.by === actor) out.push(p.allowed ? { type: 'forbid', permission: p.id } : { type: 'permit', permission: p.id });
  for (const other of state.actors) {
    const treaty = `${actor}-${other.id}-pact-t${state.turn + 1}`;
    if (other.id !== actor && !enemies.has(other.id) && !state.treaties.some((t) => t.id === treaty))
      out.push({
        type: 'propose_treaty',
        treaty,
        parties: [actor, other.id],
        obligations: [{ type: 'defense', strength: 'as_deemed_necessary', conditions: { trigger: 'attack', location: 'territory' } }],
      });
  }
  const invocable = new Set(state.triggers.filter((x) => x.protects === actor && !x.invoked).map((x) => x.treaty));
  for (const treaty of invocable) out.push({ type: 'invoke_treaty', treaty });
  // An answer goes to the first pending call under the treaty; honouring it is no choice if it means fighting a
  // co-belligerent.
  const called = new Map<Id, CallState>();
  for (const c of state.calls) if (c.obliged === actor && c.answer === 'pending' && !called.has(c.treaty)) called.set(c.treaty, c);
  for (const [treaty, call] of called)
    for (const answer of ANSWERS) if (answer !== 'honour' || !fightClash(state, call)) out.push({ type: 'answer_call', treaty, answer });
  return out;
}
