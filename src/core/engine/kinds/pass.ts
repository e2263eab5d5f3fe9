/** `pass`: do nothing this turn. */
import type { OrderKind } from './kind.ts';

export const pass: OrderKind<'pass'> = {
  stage: 'none',
  candidates: () => [{ type: 'pass' }],
  adjudicate: () => {},
};
