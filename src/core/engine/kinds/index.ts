/**
 * Every order kind the engine knows, each by its module, in one record keyed by kind: a kind of the Order union
 * (orders.ts) left out of it is a type error. The record's order is the menu's (`legalOrders`): forces, war and
 * peace, escalation, diplomacy, treaties, aid, sanctions and permissions.
 */
import type { OrderType } from '../orders.ts';
import { acceptCeasefire } from './accept_ceasefire.ts';
import { answerCall } from './answer_call.ts';
import { declareWar } from './declare_war.ts';
import { deploy } from './deploy.ts';
import { escalate } from './escalate.ts';
import { forbid } from './forbid.ts';
import { invade } from './invade.ts';
import { invokeTreaty } from './invoke_treaty.ts';
import { joinWar } from './join_war.ts';
import type { OrderKind } from './kind.ts';
import { liftSanction } from './lift_sanction.ts';
import { message } from './message.ts';
import { mobilise } from './mobilise.ts';
import { nuclearSignal } from './nuclear_signal.ts';
import { pass } from './pass.ts';
import { permit } from './permit.ts';
import { posture } from './posture.ts';
import { proposeCeasefire } from './propose_ceasefire.ts';
import { proposeTreaty } from './propose_treaty.ts';
import { ratify } from './ratify.ts';
import { rejectCeasefire } from './reject_ceasefire.ts';
import { rejectTreaty } from './reject_treaty.ts';
import { sanction } from './sanction.ts';
import { stopTransfer } from './stop_transfer.ts';
import { transfer } from './transfer.ts';
import { withdraw } from './withdraw.ts';

export const KINDS: { readonly [K in OrderType]: OrderKind<K> } = {
  pass,
  mobilise,
  deploy,
  withdraw,
  posture,
  declare_war: declareWar,
  invade,
  join_war: joinWar,
  propose_ceasefire: proposeCeasefire,
  accept_ceasefire: acceptCeasefire,
  reject_ceasefire: rejectCeasefire,
  nuclear_signal: nuclearSignal,
  escalate,
  message,
  propose_treaty: proposeTreaty,
  ratify,
  reject_treaty: rejectTreaty,
  invoke_treaty: invokeTreaty,
  answer_call: answerCall,
  transfer,
  stop_transfer: stopTransfer,
  sanction,
  lift_sanction: liftSanction,
  permit,
  forbid,
};

/** The kinds in the record's order. */
export const ORDER_TYPES = Object.keys(KINDS) as OrderType[];
