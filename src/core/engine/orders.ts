/**
 * Orders (what an actor does in a turn), events (what happened) and violations (orders the engine refused,
 * with the reason). All three are discriminated unions on `type`; nothing is a free-form string.
 */
import type { Id, MobilisationLevel } from '../model.ts';

export type Order =
  | { type: 'pass' }
  | { type: 'mobilise'; level: MobilisationLevel }
  | { type: 'deploy'; front: Id; troops: number; covert?: boolean; for?: Id }
  | { type: 'withdraw'; front: Id; troops: number }
  | { type: 'declare_war'; on: Id }
  | { type: 'propose_ceasefire'; war: Id }
  | { type: 'nuclear_signal'; level: NuclearAlert }
  | { type: 'message'; to: Id; text: string }
  | { type: 'ratify'; treaty: Id }
  | { type: 'invoke_treaty'; treaty: Id }
  | { type: 'answer_call'; treaty: Id; answer: 'honour' | 'partial' | 'renege' };

export type OrderType = Order['type'];

/** Nuclear alert levels as signals (Kahn rungs: 5 show of force, 11 super-ready status, 16 nuclear ultimatums). */
export type NuclearAlert = 'normal' | 'raised' | 'high' | 'ultimatum';

/** Orders for one turn: each actor's list. Actors not named do nothing. */
export type TurnOrders = Record<Id, Order[]>;

export type ViolationCode =
  | 'unknown_actor'
  | 'unknown_front'
  | 'unknown_war'
  | 'not_a_belligerent'
  | 'not_enough_troops'
  | 'bad_amount'
  | 'mobilisation_not_higher'
  | 'already_at_war'
  | 'self_target'
  | 'bloc_cannot_fight'
  | 'unknown_treaty'
  | 'not_a_party'
  | 'already_in_force'
  | 'not_triggered'
  | 'no_call';

export interface Violation {
  actor: Id;
  /** Index of the order in the actor's list for the turn. */
  index: number;
  order: Order;
  code: ViolationCode;
  message: string;
}

export type Event =
  | { type: 'mobilised'; actor: Id; level: MobilisationLevel; raised: number }
  | { type: 'deployment_ordered'; actor: Id; for: Id; front: Id; troops: number; covert: boolean; arrives: number }
  | { type: 'forces_arrived'; actor: Id; for: Id; front: Id; troops: number; covert: boolean }
  | { type: 'forces_withdrawn'; actor: Id; front: Id; troops: number; covert: boolean }
  | { type: 'war_declared'; actor: Id; on: Id; war: Id }
  | { type: 'war_joined'; actor: Id; war: Id; side: 0 | 1 }
  | { type: 'ceasefire_proposed'; actor: Id; war: Id }
  | { type: 'ceasefire'; war: Id }
  | { type: 'combat'; front: Id; losses: { actor: Id; for: Id; covert: boolean; killed: number; wounded: number }[]; control: number }
  | { type: 'wounded_returned'; actor: Id; troops: number }
  | { type: 'support_changed'; actor: Id; from: number; to: number }
  | { type: 'nuclear_signal'; actor: Id; level: NuclearAlert }
  | { type: 'message'; from: Id; to: Id; text: string }
  | { type: 'rung_reached'; between: [Id, Id]; rung: number }
  /** `viewer` has found `actor`'s covert forces (fighting for `for`) on or bound for `front`. */
  | { type: 'detected'; viewer: Id; actor: Id; for: Id; front: Id; estimate: number }
  | { type: 'treaty_ratified'; actor: Id; treaty: Id }
  | { type: 'treaty_in_force'; treaty: Id }
  | { type: 'treaty_triggered'; treaty: Id; article: string; protects: Id; war: Id }
  | { type: 'treaty_invoked'; actor: Id; treaty: Id; war: Id }
  | { type: 'call_to_arms'; actor: Id; treaty: Id; protects: Id; war: Id; due: number }
  | { type: 'call_answered'; actor: Id; treaty: Id; protects: Id; war: Id; answer: 'honour' | 'partial' | 'renege' | 'lapsed' | 'pending' }
  | { type: 'reputation_changed'; actor: Id; from: number; to: number };

export type EventType = Event['type'];
