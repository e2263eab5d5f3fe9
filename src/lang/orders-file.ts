/**
 * Orders files for scripted play (`yourmove play --orders FILE`): YAML or JSON, a mapping from turn number
 * to the player's orders, or to a mapping from actor to orders when the script moves several actors:
 *
 *     1: [{ type: mobilise, level: partial }]
 *     3:
 *       nato: [{ type: message, to: rus, text: "Withdraw the DPRK contingent" }]
 *       usa: [{ type: nuclear_signal, level: raised }]
 *
 * The schema mirrors the engine's Order union (checked at compile time); problems are located like a
 * scenario's (`file:line:col: path: message`).
 */
import { z } from 'zod';
import type { Order, TurnOrders } from '../core/engine/orders.ts';
import type { Issue, Scenario } from '../core/model.ts';
import { MOBILISATION_LEVELS } from '../core/engine/state.ts';
import { parseYaml, type Problem } from './load.ts';
import { id, obligation, transferKind } from './schema.ts';

const level = z.enum(MOBILISATION_LEVELS);

export const orderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pass') }),
  z.strictObject({ type: z.literal('mobilise'), level }),
  z.strictObject({
    type: z.literal('deploy'),
    front: id,
    troops: z.number(),
    covert: z.boolean().exactOptional(),
    for: id.exactOptional(),
  }),
  z.strictObject({ type: z.literal('withdraw'), front: id, troops: z.number() }),
  z.strictObject({ type: z.literal('declare_war'), on: id }),
  z.strictObject({ type: z.literal('invade'), territory: id, troops: z.number() }),
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
    amount: z.number(),
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

const turnKey = z.string().regex(/^[1-9][0-9]{0,4}$/, 'a key is a turn number: 1, 2, 3, ...');
const ordersFileSchema = z.record(turnKey, z.union([z.array(orderSchema).max(200), z.record(id, z.array(orderSchema).max(200))]));

export type OrdersFileResult = { ok: true; orders: TurnOrders[] } | { ok: false; problems: Problem[] };

/** Read an orders file for `player` in `scenario`, over `turns` turns: index t of the result is turn t + 1. */
export function loadOrdersText(text: string, file: string, scenario: Scenario, player: string, turns: number): OrdersFileResult {
  const parsed = parseYaml(text, file, ordersFileSchema, 'an orders file');
  if (!parsed.ok) return parsed;
  const actors = new Set(scenario.actors.map((a) => a.id));
  const issues: Issue[] = [];
  const orders: TurnOrders[] = Array.from({ length: turns }, () => ({}));
  for (const [key, value] of Object.entries(parsed.value)) {
    const turn = Number(key);
    if (turn > turns) {
      issues.push({ path: [key], message: `turn ${turn} is beyond the ${turns} turns played (raise --turns)`, atKey: true });
      continue;
    }
    const byActor = Array.isArray(value) ? { [player]: value } : value;
    for (const [actor, list] of Object.entries(byActor)) {
      if (!actors.has(actor))
        issues.push({ path: Array.isArray(value) ? [key] : [key, actor], message: `unknown actor "${actor}"`, atKey: true });
      else orders[turn - 1]![actor] = list;
    }
  }
  if (issues.length > 0) return { ok: false, problems: parsed.place(issues) };
  return { ok: true, orders };
}
