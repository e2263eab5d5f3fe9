/**
 * Orders and utility terms in words, for bots' reasons (actor and front ids as they are; the CLI's menus use
 * names, src/cli/interactive.ts).
 */
import { DEFAULT_UNIT } from '../core/engine/economy.ts';
import type { Order } from '../core/engine/orders.ts';
import type { InterestTerm } from '../core/engine/state.ts';

const n = new Intl.NumberFormat('en-GB');

/** What a change in each term means for the actor: [when it gains, when it loses]. */
export const TERM_WORDS: Record<InterestTerm, readonly [string, string]> = {
  territory: ['more ground', 'less ground'],
  regime_security: ['more support at home', 'less support at home'],
  casualties: ['fewer casualties', 'more casualties'],
  economy: ['a stronger economy', 'a weaker economy'],
  credibility: ['more credibility', 'less credibility'],
  technology: ['more technology', 'less technology'],
  leverage: ['more leverage', 'less leverage'],
  escalation_risk: ['less escalation risk', 'more escalation risk'],
  battle_experience: ['more battle experience', 'less battle experience'],
  backed_territory: ['more ground for those it backs', 'less ground for those it backs'],
  rival_gains: ['rivals weaker', 'rivals stronger'],
};

export function orderText(o: Order): string {
  switch (o.type) {
    case 'pass':
      return 'nothing';
    case 'mobilise':
      return `${o.level} mobilisation`;
    case 'deploy':
      return `${n.format(o.troops)} troops to ${o.front}${o.for ? ` for ${o.for}` : ''}${o.covert ? ', covertly' : ''}`;
    case 'withdraw':
      return `withdrawing ${n.format(o.troops)} troops from ${o.front}`;
    case 'posture':
      return `${o.posture === 'attack' ? 'attacking' : o.posture === 'defend' ? 'defending' : 'holding'} on ${o.front}`;
    case 'declare_war':
      return `war on ${o.on}`;
    case 'invade':
      return `invading ${o.territory} with ${n.format(o.troops)} troops`;
    case 'join_war':
      return `entering ${o.war} beside ${o.side_with}`;
    case 'propose_ceasefire':
      return `a ceasefire offer in ${o.war}`;
    case 'accept_ceasefire':
      return `accepting a ceasefire in ${o.war}`;
    case 'reject_ceasefire':
      return `rejecting a ceasefire in ${o.war}`;
    case 'nuclear_signal':
      return `a ${o.level} nuclear alert`;
    case 'escalate':
      return `escalation to Kahn rung ${o.rung}`;
    case 'message':
      return `a message to ${o.to}`;
    case 'propose_treaty':
      return `a pact with ${o.parties.join(', ')}`;
    case 'ratify':
      return `ratifying ${o.treaty}`;
    case 'reject_treaty':
      return `rejecting ${o.treaty}`;
    case 'invoke_treaty':
      return `invoking ${o.treaty}`;
    case 'answer_call':
      return `${o.answer === 'honour' ? 'honouring' : o.answer === 'partial' ? 'partly honouring' : 'reneging on'} ${o.treaty}`;
    case 'transfer':
      return `${o.offensive ? 'offensive ' : ''}${o.kind.replace('_', '-')} for ${o.to} (${n.format(o.amount)} ${o.unit ?? DEFAULT_UNIT[o.kind]}${o.standing ? ' a turn' : ''})`;
    case 'stop_transfer':
      return `stopping ${o.transfer}`;
    case 'sanction':
      return `sanctions on ${o.on}`;
    case 'lift_sanction':
      return `lifting ${o.sanction}`;
    case 'permit':
      return `allowing ${o.permission}`;
    case 'forbid':
      return `forbidding ${o.permission}`;
  }
}

/** A plan in words: "nothing", or its orders joined. */
export function planText(plan: readonly Order[]): string {
  return plan.length === 0 ? 'nothing' : plan.map(orderText).join(' and ');
}
