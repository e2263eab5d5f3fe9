/**
 * `declare_war`: on an actor one is not at war with. It joins the war the target is already in, on the other side;
 * resumes a war a ceasefire stopped between the two; or starts a new one. Declarations are simultaneous (judged
 * against the wars as they stood when the stage began), and refused where they would set an actor against one it
 * stands beside (co_belligerent: judged on the wars as the stage has made them so far, so between two such
 * declarations in one turn the actor listed first prevails).
 */
import type { Id } from '../../model.ts';
import type { Queued } from '../orders.ts';
import { atWar, clashText, opposed, sideClash, sideOf, sidesOnDeclaring, type WarState } from '../state.ts';
import type { Turn } from '../turn.ts';
import type { OrderKind, OrderOf } from './kind.ts';

export const declareWar: OrderKind<'declare_war'> = {
  stage: 'declarations',
  candidates({ state, actor, enemies }) {
    const out: OrderOf<'declare_war'>[] = [];
    for (const other of state.actors)
      if (other.id !== actor && !enemies.has(other.id) && !sideClash(state.wars, actor, sidesOnDeclaring(state.wars, actor, other.id)))
        out.push({ type: 'declare_war', on: other.id });
    return out;
  },
  adjudicate: (turn, q) => declare(turn, q, q.order.on),
};

/**
 * `q.actor` declares war on `on`: the declaration an order of war makes (declare_war, or the one that `join_war`
 * and `invade` imply), joining `into` when it names the war. Refused with the reason, or made.
 */
export function declare(turn: Turn, q: Queued, on: Id, into?: WarState): void {
  const { state, events, actors, wars, nextTurn } = turn;
  // No one fights on both sides: not against an actor it stands beside in another war.
  const clash = sideClash(state.wars, q.actor, sidesOnDeclaring(state.wars, q.actor, on, into));
  if (!actors.has(on)) turn.refuse(q, 'unknown_actor', `no actor "${on}"`);
  else if (on === q.actor) turn.refuse(q, 'self_target', `"${q.actor}" cannot declare war on itself`);
  else if (atWar(turn.warsBefore, q.actor, on)) turn.refuse(q, 'already_at_war', `"${q.actor}" is already at war with "${on}"`);
  else if (clash) turn.refuse(q, 'co_belligerent', `${clashText(q.actor, clash)}: no one fights on both sides`);
  else if (atWar(state.wars, q.actor, on)) {
    const war = state.wars.find((w) => w.active && sideOf(w, q.actor) !== -1 && sideOf(w, on) !== -1)!;
    war.declarations.push({ by: q.actor, on });
    events.push({ type: 'war_declared', actor: q.actor, on, war: war.id });
  } else {
    const existing = into ?? state.wars.find((w) => w.active && sideOf(w, on) !== -1 && sideOf(w, q.actor) === -1);
    // A ceasefire broken: the old war, with its fronts, resumes.
    const ceased = state.wars.find((w) => !w.active && opposed(w, on, q.actor));
    if (ceased && !existing) {
      ceased.active = true;
      ceased.declarations.push({ by: q.actor, on });
    } else if (existing) {
      const side = (1 - sideOf(existing, on)) as 0 | 1;
      existing.sides[side].push(q.actor);
      existing.declarations.push({ by: q.actor, on });
      events.push({ type: 'war_joined', actor: q.actor, war: existing.id, side });
    } else {
      const war: WarState = {
        id: `war-${q.actor}-${on}-${nextTurn}`,
        sides: [[q.actor], [on]],
        aggressor: q.actor,
        declarations: [{ by: q.actor, on }],
        active: true,
        offers: [],
      };
      state.wars.push(war);
      wars.set(war.id, war);
    }
    const war = state.wars.find((w) => w.active && sideOf(w, q.actor) !== -1 && sideOf(w, on) !== -1)!;
    events.push({ type: 'war_declared', actor: q.actor, on, war: war.id });
  }
}
