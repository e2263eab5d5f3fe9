/**
 * Orders (what an actor does in a turn), events (what happened) and violations (orders the engine refused,
 * with the reason). All three are discriminated unions on `type`; nothing is a free-form string.
 */
import type { Id, MobilisationLevel, Obligation, Posture, TransferKind } from '../model.ts';

export type Order =
  | { type: 'pass' }
  | { type: 'mobilise'; level: MobilisationLevel }
  | { type: 'deploy'; front: Id; troops: number; covert?: boolean; for?: Id }
  | { type: 'withdraw'; front: Id; troops: number }
  /** Set the posture of one's forces on a front: attack (ground, at a higher cost), defend or hold (fewer losses). */
  | { type: 'posture'; front: Id; posture: Posture }
  | { type: 'declare_war'; on: Id }
  /**
   * March `troops` into `territory` (an actor's id: whose territory): a declaration of war on it if not already
   * at war, then the forces move onto the front on that territory, opened if the war has none there.
   */
  | { type: 'invade'; territory: Id; troops: number }
  /** Enter a war on the side of `side_with` (a declaration of war on the other side's principal). */
  | { type: 'join_war'; war: Id; side_with: Id }
  | { type: 'propose_ceasefire'; war: Id }
  /** Accepting is proposing in return: the war stops when both sides' principals do so in the same turn. */
  | { type: 'accept_ceasefire'; war: Id }
  | { type: 'reject_ceasefire'; war: Id }
  | { type: 'nuclear_signal'; level: NuclearAlert }
  /** Climb Kahn's ladder to `rung` (1..44) against `against` (default: the actor's enemies). */
  | { type: 'escalate'; rung: number; against?: Id[] }
  | { type: 'message'; to: Id; text: string }
  /** Propose a treaty with `parties` (the proposer among them); it enters into force when all have ratified. */
  | { type: 'propose_treaty'; treaty: Id; parties: Id[]; obligations: Obligation[] }
  /** Ratify (accept) a treaty not yet in force. */
  | { type: 'ratify'; treaty: Id }
  | { type: 'reject_treaty'; treaty: Id }
  | { type: 'invoke_treaty'; treaty: Id }
  | { type: 'answer_call'; treaty: Id; answer: 'honour' | 'partial' | 'renege' }
  /** Give `amount` (in `unit`) once, or every turn when `standing`; munitions come out of a tracked stock. */
  | {
      type: 'transfer';
      to: Id;
      kind: TransferKind;
      amount: number;
      unit?: string;
      standing?: boolean;
      covert?: boolean;
      offensive?: boolean;
    }
  | { type: 'stop_transfer'; transfer: Id }
  | { type: 'sanction'; on: Id; intensity: number }
  | { type: 'lift_sanction'; sanction: Id }
  /** Allow or forbid the recipient's use of one's weapons on a territory (the long-range strike question). */
  | { type: 'permit'; permission: Id }
  | { type: 'forbid'; permission: Id };

export type OrderType = Order['type'];

/** Nuclear alert levels as signals (Kahn rungs: 5 show of force, 11 super-ready status, 16 nuclear ultimatums). */
export type NuclearAlert = 'normal' | 'raised' | 'high' | 'ultimatum';

/** Orders for one turn: each actor's list. Actors not named do nothing. */
export type TurnOrders = Record<Id, Order[]>;

export const VIOLATION_CODES = [
  'unknown_actor',
  'unknown_order',
  'unknown_front',
  'unknown_war',
  'not_a_belligerent',
  'not_enough_troops',
  'beyond_expeditionary_limit',
  'bad_amount',
  'mobilisation_not_higher',
  'already_at_war',
  'self_target',
  'bloc_cannot_fight',
  'unknown_treaty',
  'not_a_party',
  'already_in_force',
  'not_triggered',
  'no_call',
  'unknown_transfer',
  'unknown_sanction',
  'unknown_permission',
  'not_yours',
  'not_enough_munitions',
  'duplicate_id',
  'already_done',
  'bad_unit',
  'bloc_has_no_territory',
  'co_belligerent',
  'bad_posture',
] as const;

export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  actor: Id;
  /** Index of the order in the actor's list for the turn. */
  index: number;
  order: Order;
  code: ViolationCode;
  message: string;
  /** For orders the engine issued on the actor's behalf: why (`red_line:ID`, `bandwagon`, `collapse`). */
  cause?: string;
}

export type Event =
  | { type: 'mobilised'; actor: Id; level: MobilisationLevel; raised: number }
  | { type: 'deployment_ordered'; actor: Id; for: Id; front: Id; troops: number; covert: boolean; arrives: number }
  | { type: 'forces_arrived'; actor: Id; for: Id; front: Id; troops: number; covert: boolean }
  | { type: 'forces_withdrawn'; actor: Id; front: Id; troops: number; covert: boolean }
  | { type: 'posture_changed'; actor: Id; front: Id; posture: Posture; covert: boolean }
  | { type: 'war_declared'; actor: Id; on: Id; war: Id }
  | { type: 'war_joined'; actor: Id; war: Id; side: 0 | 1 }
  /** An invasion opened a front on `territory` in `war`. */
  | { type: 'front_opened'; front: Id; war: Id; territory: Id; by: Id }
  /** `actor`'s garrison on `host`'s territory is on the front an invasion opened there (a trip-wire). */
  | { type: 'tripwire'; actor: Id; host: Id; front: Id; war: Id; troops: number }
  | { type: 'ceasefire_proposed'; actor: Id; war: Id }
  | { type: 'ceasefire'; war: Id }
  | { type: 'combat'; front: Id; losses: { actor: Id; for: Id; covert: boolean; killed: number; wounded: number }[]; control: number }
  | { type: 'wounded_returned'; actor: Id; troops: number }
  | { type: 'support_changed'; actor: Id; from: number; to: number }
  | { type: 'nuclear_signal'; actor: Id; level: NuclearAlert }
  | { type: 'message'; from: Id; to: Id; text: string }
  | { type: 'rung_reached'; between: [Id, Id]; rung: number }
  /** A dyad's rung fell: a threat not renewed faded, or a ceasefire stepped the belligerents down. */
  | { type: 'rung_fell'; between: [Id, Id]; rung: number }
  /** `viewer` has found `actor`'s covert forces (fighting for `for`) on or bound for `front`. */
  | { type: 'detected'; viewer: Id; actor: Id; for: Id; front: Id; estimate: number }
  | { type: 'treaty_ratified'; actor: Id; treaty: Id }
  | { type: 'treaty_in_force'; treaty: Id }
  | { type: 'treaty_triggered'; treaty: Id; article: string; protects: Id; war: Id }
  | { type: 'treaty_invoked'; actor: Id; treaty: Id; war: Id }
  | { type: 'call_to_arms'; actor: Id; treaty: Id; protects: Id; war: Id; due: number }
  | { type: 'call_answered'; actor: Id; treaty: Id; protects: Id; war: Id; answer: 'honour' | 'partial' | 'renege' | 'lapsed' | 'pending' }
  | { type: 'reputation_changed'; actor: Id; from: number; to: number }
  | { type: 'ceasefire_rejected'; actor: Id; war: Id }
  | { type: 'treaty_proposed'; actor: Id; treaty: Id; parties: Id[] }
  | { type: 'treaty_rejected'; actor: Id; treaty: Id }
  | { type: 'escalated'; actor: Id; rung: number; against: Id[] }
  | {
      type: 'transfer_started';
      transfer: Id;
      from: Id;
      to: Id;
      kind: TransferKind;
      amount: number;
      unit: string;
      standing: boolean;
      covert: boolean;
    }
  | { type: 'transfer_stopped'; transfer: Id; from: Id; to: Id; covert: boolean }
  /** A supplier whose stock ran short delivered less than promised. */
  | { type: 'transfer_short'; transfer: Id; from: Id; to: Id; delivered: number; promised: number; covert: boolean }
  /** `viewer` has found a covert transfer. */
  | { type: 'transfer_detected'; viewer: Id; transfer: Id; from: Id; to: Id; kind: TransferKind }
  | { type: 'technology_absorbed'; actor: Id; from: Id; transfer: Id; quality: number; covert: boolean }
  /** Fire limited by the stock: the actor fired `fired` of the `wanted` rounds. */
  | { type: 'munitions_short'; actor: Id; wanted: number; fired: number }
  | { type: 'sanction_imposed'; sanction: Id; by: Id; on: Id; intensity: number }
  | { type: 'sanction_lifted'; sanction: Id; by: Id; on: Id }
  | { type: 'permission_changed'; permission: Id; by: Id; to: Id; territory: Id; allowed: boolean }
  | { type: 'rallied'; actor: Id; war: Id }
  | { type: 'support_collapsed'; actor: Id; support: number }
  /** A red line held for the first time; `acts` says whether its holder acts on it (next turn, or after its delay). */
  | { type: 'red_line_crossed'; redLine: Id; holder: Id; acts: boolean }
  /** A red line whose holder had not acted, decided again while its condition still holds. */
  | { type: 'red_line_reconsidered'; redLine: Id; holder: Id; acts: boolean }
  /** A Granovetter threshold reached: `actor` joins `side_with`'s war next turn. */
  | { type: 'bandwagon'; actor: Id; side_with: Id; war: Id; joined: number; threshold: number };

export type EventType = Event['type'];

/** An order in the turn's queue: whose, its place in the actor's list, and why the engine issued it (if it did). */
export interface Queued {
  actor: Id;
  index: number;
  order: Order;
  cause?: string;
}

export type Refuse = (q: Queued, code: ViolationCode, message: string) => void;
