/**
 * What `permit` and `forbid` share: a permission of the actor's own (the use of its weapons by a recipient on a
 * territory: the long-range strike question), set to allowed or forbidden.
 */
import type { Queued } from '../orders.ts';
import type { Turn } from '../turn.ts';

export function setPermission(turn: Turn, q: Queued & { order: { permission: string } }, allowed: boolean): void {
  const p = turn.state.permissions.find((x) => x.id === q.order.permission);
  if (!p) turn.refuse(q, 'unknown_permission', `no permission "${q.order.permission}"`);
  else if (p.by !== q.actor) turn.refuse(q, 'not_yours', `permission "${p.id}" is "${p.by}"'s to give`);
  else if (p.allowed === allowed) turn.refuse(q, 'already_done', `"${p.id}" is already ${allowed ? 'allowed' : 'forbidden'}`);
  else {
    p.allowed = allowed;
    turn.events.push({ type: 'permission_changed', permission: p.id, by: p.by, to: p.to, territory: p.territory, allowed });
  }
}
