/**
 * What an order kind is to the engine: the stage of the turn that adjudicates it, the orders of the kind an actor
 * could give now (what the menu, the bots and `advise` draw from), and its adjudication — refused with a typed code
 * and the reason, or carried out. Each kind is one module of this folder; `index.ts` registers them all in one
 * record keyed by kind, so an order kind the engine cannot judge is a type error, never an order dropped without a
 * word. The kind's fields are its type in `orders.ts`' union.
 */
import type { Id } from '../../model.ts';
import type { Order, OrderType, Queued } from '../orders.ts';
import type { ActorState, GameState } from '../state.ts';
import type { Turn } from '../turn.ts';

/** The stages that take orders, in the order a turn runs them (apply.ts's module comment). */
export const STAGES = [
  'talks',
  'treaty_texts',
  'economic',
  'mobilisation',
  'movements',
  'declarations',
  'ratification',
  'answers',
  'invocations',
  'signals',
  'escalations',
  'none',
] as const;
export type Stage = (typeof STAGES)[number];

/** The order of one kind. */
export type OrderOf<K extends OrderType> = Extract<Order, { type: K }>;

/** An order of one kind in the turn's queue. */
export type QueuedOf<K extends OrderType> = Queued & { order: OrderOf<K> };

/** What every kind's candidates are drawn against: the actor and what it stands in, computed once per menu. */
export interface MenuContext {
  state: GameState;
  actor: Id;
  me: ActorState;
  /** Those it is at war with, in active wars. */
  enemies: ReadonlySet<Id>;
  /**
   * Those it may arm: its co-belligerents and treaty partners, and any party to a war it is not at war with
   * (South Korea's arms for Ukraine, China's for Russia), sorted.
   */
  partners: readonly Id[];
}

export interface OrderKind<K extends OrderType> {
  /** The stage of the turn that judges it. */
  readonly stage: Stage;
  /** The orders of this kind `menu.actor` could give now, amounts in a few sizes rather than every integer. */
  candidates(menu: MenuContext): OrderOf<K>[];
  /** Judge one order in its stage: `turn.refuse` it with the code and the reason, or carry it out. */
  adjudicate(turn: Turn, q: QueuedOf<K>): void;
}

/** Troop shares offered in candidates: a quarter, a half, all. */
export const SHARES = [0.25, 0.5, 1];
