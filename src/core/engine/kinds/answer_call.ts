/**
 * `answer_call`: honour, partly honour or renege on the first pending call to arms under a treaty (treaties.ts
 * carries the answer out). Honouring is refused where it would mean fighting a co-belligerent.
 */
import type { Id } from '../../model.ts';
import { clashText, type CallState } from '../state.ts';
import { carryOut, fightClash } from '../treaties.ts';
import type { OrderKind, OrderOf } from './kind.ts';

const ANSWERS = ['honour', 'partial', 'renege'] as const;

export const answerCall: OrderKind<'answer_call'> = {
  stage: 'answers',
  candidates({ state, actor }) {
    // An answer goes to the first pending call under the treaty; honouring it is no choice if it means fighting a
    // co-belligerent.
    const called = new Map<Id, CallState>();
    for (const c of state.calls) if (c.obliged === actor && c.answer === 'pending' && !called.has(c.treaty)) called.set(c.treaty, c);
    const out: OrderOf<'answer_call'>[] = [];
    for (const [treaty, call] of called)
      for (const answer of ANSWERS) if (answer !== 'honour' || !fightClash(state, call)) out.push({ type: 'answer_call', treaty, answer });
    return out;
  },
  adjudicate(turn, q) {
    const { state } = turn;
    const o = q.order;
    const call = state.calls.find((c) => c.treaty === o.treaty && c.obliged === q.actor && c.answer === 'pending');
    const clash = call && o.answer === 'honour' ? fightClash(state, call) : undefined;
    if (!state.treaties.some((t) => t.id === o.treaty)) turn.refuse(q, 'unknown_treaty', `no treaty "${o.treaty}"`);
    else if (!call) turn.refuse(q, 'no_call', `"${q.actor}" has no call to arms to answer under "${o.treaty}"`);
    else if (clash) turn.refuse(q, 'co_belligerent', `honouring "${o.treaty}": ${clashText(q.actor, clash)}`);
    else turn.events.push(...carryOut(state, call, o.answer, turn.actors));
  },
};
