/**
 * Orders files for scripted play (`yourmove play --orders FILE`): YAML or JSON, a mapping from turn number
 * to the player's orders, or to a mapping from actor to orders when the script moves several actors:
 *
 *     1: [{ type: mobilise, level: partial }]
 *     3:
 *       nato: [{ type: message, to: rus, text: "Withdraw the DPRK contingent" }]
 *       usa: [{ type: nuclear_signal, level: raised }]
 *
 * A player's file orders only the player (and a bloc's members); an umpire's may order anyone. The schema mirrors
 * the engine's Order union (checked at compile time); problems are located like a scenario's
 * (`file:line:col: path: message`), each at the order or the key to fix.
 */
import { z } from 'zod';
import type { Order, TurnOrders } from '../core/engine/orders.ts';
import { POSTURES, type Issue, type Scenario } from '../core/model.ts';
import { MOBILISATION_LEVELS } from '../core/engine/state.ts';
import { fromZod } from './issues.ts';
import { parseYaml, type Problem } from './load.ts';
import { BOUNDS } from './bounds.ts';
import { id, obligation, transferKind } from './schema.ts';

const level = z.enum(MOBILISATION_LEVELS);
/** The scenario language's bound on persons; whether an amount is a whole number above 0 is the engine's to judge. */
const troops = z.number().max(BOUNDS.persons);

export const orderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pass') }),
  z.strictObject({ type: z.literal('mobilise'), level }),
  z.strictObject({
    type: z.literal('deploy'),
    front: id,
    troops,
    covert: z.boolean().exactOptional(),
    for: id.exactOptional(),
  }),
  z.strictObject({ type: z.literal('withdraw'), front: id, troops }),
  z.strictObject({ type: z.literal('posture'), front: id, posture: z.enum(POSTURES) }),
  z.strictObject({ type: z.literal('declare_war'), on: id }),
  z.strictObject({ type: z.literal('invade'), territory: id, troops }),
  z.strictObject({ type: z.literal('join_war'), war: id, side_with: id }),
  z.strictObject({ type: z.literal('propose_ceasefire'), war: id }),
  z.strictObject({ type: z.literal('accept_ceasefire'), war: id }),
  z.strictObject({ type: z.literal('reject_ceasefire'), war: id }),
  z.strictObject({ type: z.literal('nuclear_signal'), level: z.enum(['normal', 'raised', 'high', 'ultimatum']) }),
  z.strictObject({ type: z.literal('escalate'), rung: z.number(), against: z.array(id).max(100).exactOptional() }),
  z.strictObject({ type: z.literal('message'), to: id, text: z.string().max(4000) }),
  z.strictObject({
    type: z.literal('propose_treaty'),
    treaty: id,
    parties: z.array(id).max(100),
    obligations: z.array(obligation).max(20),
  }),
  z.strictObject({ type: z.literal('ratify'), treaty: id }),
  z.strictObject({ type: z.literal('reject_treaty'), treaty: id }),
  z.strictObject({ type: z.literal('invoke_treaty'), treaty: id }),
  z.strictObject({ type: z.literal('answer_call'), treaty: id, answer: z.enum(['honour', 'partial', 'renege']) }),
  z.strictObject({
    type: z.literal('transfer'),
    to: id,
    kind: transferKind,
    amount: z.number().max(BOUNDS.amount),
    unit: z.string().max(200).exactOptional(),
    standing: z.boolean().exactOptional(),
    covert: z.boolean().exactOptional(),
    offensive: z.boolean().exactOptional(),
  }),
  z.strictObject({ type: z.literal('stop_transfer'), transfer: id }),
  z.strictObject({ type: z.literal('sanction'), on: id, intensity: z.number() }),
  z.strictObject({ type: z.literal('lift_sanction'), sanction: id }),
  z.strictObject({ type: z.literal('permit'), permission: id }),
  z.strictObject({ type: z.literal('forbid'), permission: id }),
]);

type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type OrderSchemaMatchesEngine = Assert<Same<z.output<typeof orderSchema>, Order>>;

/** The most orders an actor may give in one turn. */
const MAX_ORDERS = 200;
const TURN_KEY = /^[1-9][0-9]{0,4}$/;
const ordersList = z.array(orderSchema).max(MAX_ORDERS);

export type OrdersFileResult = { ok: true; orders: TurnOrders[] } | { ok: false; problems: Problem[] };

export interface OrdersFileOptions {
  /**
   * The umpire's script (golden playthroughs, tests): it may order any actor. A player's file — the default, and
   * what `play --orders` reads — orders only the player and, for a bloc, its members (the actors advice offers it).
   */
  umpire?: boolean;
}

const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const describe = (x: unknown) => (x === null ? 'nothing' : Array.isArray(x) ? 'a list' : `${typeof x} ${JSON.stringify(x)}`);

/** The actors `player` may order: itself, and a bloc's members. */
function playersActors(scenario: Scenario, player: string): Set<string> {
  return new Set([player, ...(scenario.actors.find((a) => a.id === player)?.members ?? [])]);
}

/**
 * Read an orders file for `player` in `scenario`, over `turns` turns: index t of the result is turn t + 1. Every
 * problem is located at the node to fix: a bad order at the order (or its field), an actor the player may not order
 * at its key.
 */
export function loadOrdersText(
  text: string,
  file: string,
  scenario: Scenario,
  player: string,
  turns: number,
  options: OrdersFileOptions = {},
): OrdersFileResult {
  const parsed = parseYaml(text, file, z.unknown(), 'an orders file');
  if (!parsed.ok) return parsed;
  const actors = new Set(scenario.actors.map((a) => a.id));
  const allowed = options.umpire ? actors : playersActors(scenario, player);
  const issues: Issue[] = [];
  const orders: TurnOrders[] = Array.from({ length: turns }, () => ({}));
  const script = parsed.value;
  if (!isMapping(script))
    return {
      ok: false,
      problems: parsed.place([{ path: [], message: `an orders file is a mapping from turn number to orders, got ${describe(script)}` }]),
    };
  /** The orders at `path`, checked; null when they have problems (reported). */
  const read = (path: (string | number)[], value: unknown): Order[] | null => {
    const r = ordersList.safeParse(value, { reportInput: true });
    if (r.success) return r.data;
    issues.push(...fromZod(r.error.issues, path));
    return null;
  };
  /** Whether the file may order `actor` (reported when not). */
  const mayOrder = (path: (string | number)[], actor: string): boolean => {
    if (!actors.has(actor)) issues.push({ path, message: `unknown actor "${actor}"`, atKey: true });
    else if (!allowed.has(actor)) issues.push({ path, message: notYours(scenario, player, actor), atKey: true });
    else return true;
    return false;
  };
  for (const [key, value] of Object.entries(script)) {
    if (!TURN_KEY.test(key)) {
      issues.push({ path: [key], message: 'invalid key: a key is a turn number: 1, 2, 3, ...', atKey: true });
      continue;
    }
    const turn = Number(key);
    if (turn > turns)
      issues.push({ path: [key], message: `turn ${turn} is beyond the ${turns} turns played (raise --turns)`, atKey: true });
    const into = orders[turn - 1];
    if (Array.isArray(value)) {
      const list = read([key], value);
      if (mayOrder([key], player) && list && into) into[player] = list;
    } else if (isMapping(value)) {
      for (const [actor, entry] of Object.entries(value)) {
        const may = mayOrder([key, actor], actor);
        const list = read([key, actor], entry);
        if (may && list && into) into[actor] = list;
      }
    } else {
      issues.push({ path: [key], message: `expected a list of orders or a mapping from actor to orders, got ${describe(value)}` });
    }
  }
  if (issues.length > 0) return { ok: false, problems: parsed.place(issues) };
  return { ok: true, orders };
}

function notYours(scenario: Scenario, player: string, actor: string): string {
  const members = scenario.actors.find((a) => a.id === player)?.members ?? [];
  const whom = members.length > 0 ? `"${player}" and its members (${members.join(', ')})` : `"${player}" alone`;
  return `"${actor}" is not the player's to order: an orders file for "${player}" orders ${whom}`;
}
