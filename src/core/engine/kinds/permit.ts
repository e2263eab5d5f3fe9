/** `permit`: allow the recipient's use of one's weapons on a territory (see permission.ts). */
import type { OrderKind } from './kind.ts';
import { setPermission } from './permission.ts';

export const permit: OrderKind<'permit'> = {
  stage: 'economic',
  candidates: ({ state, actor }) =>
    state.permissions.filter((p) => p.by === actor && !p.allowed).map((p) => ({ type: 'permit', permission: p.id })),
  adjudicate: (turn, q) => setPermission(turn, q, true),
};
