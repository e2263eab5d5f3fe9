/**
 * `nuclear_signal`: a nuclear alert, for all to see. Against each of the actor's enemies it raises the rung to the
 * alert's (Kahn: 5 show of force, 11 super-ready status, 16 nuclear "ultimatums"); a rung so reached fades unless
 * renewed (escalation.ts).
 */
import type { NuclearAlert } from '../orders.ts';
import { RUNG } from '../escalation.ts';
import { enemiesOf } from '../state.ts';
import type { OrderKind } from './kind.ts';

const SIGNALS: NuclearAlert[] = ['raised', 'high', 'ultimatum'];

export const nuclearSignal: OrderKind<'nuclear_signal'> = {
  stage: 'signals',
  candidates: () => SIGNALS.map((level) => ({ type: 'nuclear_signal', level })),
  adjudicate(turn, q) {
    const { level } = q.order;
    turn.events.push({ type: 'nuclear_signal', actor: q.actor, level });
    for (const enemy of enemiesOf(turn.state.wars, q.actor)) if (RUNG.signal[level] > 0) turn.signal(q.actor, enemy, RUNG.signal[level]);
  },
};
