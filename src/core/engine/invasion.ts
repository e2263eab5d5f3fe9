/**
 * Invasion (the `invade` order): forces march into an enemy's territory. The declaration of war it implies is
 * made in the declarations stage with the others (apply.ts); then the forces set out for the front on that
 * territory in the war, which the invasion opens if the war has none there — the whole territory, held by its
 * owner, the line a compact one (docs/model.md §2).
 */
import type { Id } from '../model.ts';
import { compactLength } from './init.ts';
import type { Event, Order, Queued, Refuse } from './orders.ts';
import { opposed, sideClash, sideOf, sidesInWar, type ActorState, type FrontState, type GameState, type WarState } from './state.ts';

export type InvadeOrder = Extract<Order, { type: 'invade' }>;

/**
 * Whether an invasion can go ahead at all (refused with the reason if not), before any declaration it implies; if
 * it can, its troops are set aside from the pool at once (two invasions cannot send the same soldiers) and their
 * number returned. An invasion the scenario issued (a red line's, decided a turn or more before) goes with what is
 * at hand by now, up to the number decided — with none at hand, the declaration alone.
 */
export function prepareInvasion(q: Queued, actors: Map<Id, ActorState>, refuse: Refuse): number | null {
  const o = q.order as InvadeOrder;
  const me = actors.get(q.actor)!;
  const owner = actors.get(o.territory);
  const troops = q.cause === undefined ? o.troops : Math.min(o.troops, me.pool);
  if (!owner) refuse(q, 'unknown_actor', `no actor "${o.territory}" whose territory to invade`);
  else if (o.territory === q.actor) refuse(q, 'self_target', `"${q.actor}" cannot invade its own territory`);
  else if (me.kind === 'bloc') refuse(q, 'bloc_cannot_fight', `"${q.actor}" is a bloc: its member states deploy forces`);
  else if (owner.kind === 'bloc') refuse(q, 'bloc_has_no_territory', `"${o.territory}" is a bloc: invade one of its members`);
  else if (!Number.isInteger(o.troops) || o.troops <= 0) refuse(q, 'bad_amount', `troops must be a whole number above 0, got ${o.troops}`);
  else if (troops > me.pool) refuse(q, 'not_enough_troops', `"${q.actor}" has ${me.pool} troops available, cannot invade with ${o.troops}`);
  else {
    me.pool -= troops;
    return troops;
  }
  return null;
}

/**
 * Send the `troops` set aside for a valid invasion towards the front on the territory, opening it if need be;
 * they arrive like any deployment, on turn `arrives`. If the declaration it implied was refused (and said why),
 * the troops go back to the pool.
 */
export function invade(state: GameState, q: Queued, troops: number, actors: Map<Id, ActorState>, arrives: number): Event[] {
  const o = q.order as InvadeOrder;
  const war = state.wars.find((w) => w.active && opposed(w, q.actor, o.territory));
  if (!war) {
    actors.get(q.actor)!.pool += troops;
    return [];
  }
  if (troops === 0) return [];
  const events: Event[] = [];
  let front = state.fronts.find((f) => f.conflict === war.id && f.territory === o.territory);
  if (!front) {
    front = openFront(state, war, q.actor, actors.get(o.territory)!);
    events.push({ type: 'front_opened', front: front.id, war: war.id, territory: o.territory, by: q.actor });
    events.push(...tripwires(state, war, front, actors));
  }
  state.transit.push({ actor: q.actor, for: q.actor, front: front.id, troops, covert: false, arrives });
  events.push({ type: 'deployment_ordered', actor: q.actor, for: q.actor, front: front.id, troops, covert: false, arrives });
  return events;
}

/**
 * The garrisons on the invaded territory (the scenario's `stationed`) are on the new front at once, fighting for
 * their host, and their owners are in the war on the host's side (`war_joined` after a `tripwire`): the attack on
 * the host is an attack on them. An owner already at war beside the invader, or on the host's other side, cannot
 * be: its garrison stays out (in its pool).
 */
function tripwires(state: GameState, war: WarState, front: FrontState, actors: Map<Id, ActorState>): Event[] {
  const events: Event[] = [];
  const host = front.territory;
  const hostSide = sideOf(war, host);
  if (hostSide === -1) return events;
  for (const g of state.stationed) {
    if (g.engaged || g.on !== host) continue;
    const owner = actors.get(g.actor)!;
    const side = sideOf(war, g.actor);
    if (side === 1 - hostSide || (side === -1 && sideClash(state.wars, g.actor, sidesInWar(war, host)))) continue;
    const troops = Math.min(g.troops, owner.pool);
    if (troops <= 0) continue;
    g.engaged = true;
    owner.pool -= troops;
    front.forces.push({ actor: g.actor, for: host, troops, posture: 'defend', covert: false, quality: owner.quality });
    events.push({ type: 'tripwire', actor: g.actor, host, front: front.id, war: war.id, troops });
    if (side === -1) {
      war.sides[hostSide].push(g.actor);
      events.push({ type: 'war_joined', actor: g.actor, war: war.id, side: hostSide as 0 | 1 });
    }
  }
  return events;
}

function openFront(state: GameState, war: WarState, invader: Id, owner: ActorState): FrontState {
  const base = `${invader}-into-${owner.id}`;
  let id = base;
  for (let n = 2; state.fronts.some((f) => f.id === id); n++) id = `${base}-${n}`;
  const front: FrontState = {
    id,
    conflict: war.id,
    territory: owner.id,
    control: 1,
    startControl: 1,
    areaKm2: owner.areaKm2,
    lengthKm: compactLength(owner.areaKm2),
    terrain: 'mixed',
    intensity: 1,
    forces: [],
  };
  state.fronts.push(front);
  return front;
}
