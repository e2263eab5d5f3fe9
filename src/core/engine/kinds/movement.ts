/** What the movement orders (deploy, withdraw, posture) check first: the front named, and the troops a whole number. */
import type { Queued } from '../orders.ts';
import type { FrontState } from '../state.ts';
import type { Turn } from '../turn.ts';

/** The front the order names, or undefined (refused as unknown_front). */
export function frontOf(turn: Turn, q: Queued & { order: { front: string } }): FrontState | undefined {
  const front = turn.fronts.get(q.order.front);
  if (!front) turn.refuse(q, 'unknown_front', `no front "${q.order.front}"`);
  return front;
}

/** Whether the order's troops are a whole number above 0 (refused as bad_amount if not). */
export function wholeTroops(turn: Turn, q: Queued & { order: { troops: number } }): boolean {
  const ok = Number.isInteger(q.order.troops) && q.order.troops > 0;
  if (!ok) turn.refuse(q, 'bad_amount', `troops must be a whole number above 0, got ${q.order.troops}`);
  return ok;
}

/** The troops an actor has on a front. */
export function troopsHere(front: FrontState, actor: string): number {
  return front.forces.filter((f) => f.actor === actor).reduce((acc, f) => acc + f.troops, 0);
}
