/** `forbid`: forbid the recipient's use of one's weapons on a territory (see permission.ts). */
import type { OrderKind } from './kind.ts';
import { setPermission } from './permission.ts';

export const forbid: OrderKind<'forbid'> = {
  stage: 'economic',
  candidates: ({ state, actor }) =>
    state.permissions.filter((p) => p.by === actor && p.allowed).map((p) => ({ type: 'forbid', permission: p.id })),
  adjudicate: (turn, q) => setPermission(turn, q, false),
};
