/**
 * Rule cases: the engine's rules tested as data, after Diplomacy's DATC. Each `test/cases/*.case` file is a
 * tiny self-contained game — a scenario, a seed, the orders of some turns — and what must come out. Anyone can
 * read one without reading the engine. The format (also in test/cases/README.md):
 *
 *     # why: what rule the case pins down, and why the expectation is right     (required, before any section)
 *     == SCENARIO ==
 *     a complete scenario in YAML (the scenario language; it must load, or the case fails naming the line)
 *     == SEED ==                            optional; an integer, default 1
 *     == ORDERS turn 1 ==                   one section per turn with orders, turns increasing; turns skipped
 *     red: [{type: deploy, front: line, troops: 1000}]     between two sections are played with no orders;
 *     == ORDERS turn 3 ==                   the last ORDERS section is the last turn played (an empty section
 *                                           plays a turn with no orders)
 *     == EXPECT ==
 *     violations:       EXACTLY the refused orders of every turn: [{turn, actor, index, code}]. Leaving the key
 *                       out means no order may be refused. `turn` may be left out when the case plays one turn.
 *     events:           events that must happen: each a pattern {type, ...fields} matched as a subset (objects:
 *                       the keys given; arrays: same length, element by element), with `turn` (left out: any
 *                       turn) and optional `count` (exactly that many matching events instead of at least one).
 *     no_events:        patterns of events that must not happen: on `turn`, or (left out) on any turn.
 *     state:            after the last turn: `path: value`. A path walks GameState (src/core/engine/state.ts):
 *                       `actors.red.pool`, `fronts.line.control`, `wars.war.active`, `rungs.blue|red`; in a
 *                       list, a segment picks the element with that `id`, `[actor=gold,covert=true]` the one
 *                       element whose fields have those values, a number the element at that index, and
 *                       `length` the list's length. The value `absent` says the path must not exist.
 *     state_after:      the same after an earlier turn (0: the initial state): `{0: {...}, 1: {maxRung: 12}}`.
 *     compare:          after the last turn: relations as text, `LEFT OP RIGHT` with OP one of < <= > >= == !=
 *                       and each side arithmetic (+ - * / % and parentheses; put spaces around + and -, since
 *                       ids may hold `-`) over numbers and state paths.
 *
 * Everywhere a number is expected, `{min: a, max: b}` (either bound alone too) accepts a range — for the
 * stochastic results of combat — and `==` between numbers allows a relative 1e-9 for rounding.
 *
 * The game is played as the engine contract says (docs/model.md §10): `initialState(scenario, seed)`, then
 * `apply(state, orders, Rng.derive(seed, 1))` turn after turn. After every turn the runner also checks the
 * state's invariants (people conserved as state.ts states it, control in [0, 1], no empty or fractional force,
 * support in [0, 1], the input state untouched), so every case checks them too.
 *
 * A malformed case fails with `file:line: message`.
 */
import { z } from 'zod';
import { apply, type TurnResult } from '../../src/core/engine/apply.ts';
import { hashState } from '../../src/core/engine/hash.ts';
import { initialState } from '../../src/core/engine/init.ts';
import type { Event, EventType, TurnOrders, ViolationCode } from '../../src/core/engine/orders.ts';
import type { GameState } from '../../src/core/engine/state.ts';
import type { Issue, Scenario } from '../../src/core/model.ts';
import { Rng } from '../../src/core/rng.ts';
import { formatProblem, loadScenarioText, parseYaml, type Problem } from '../../src/lang/load.ts';
import { orderSchema } from '../../src/lang/orders-file.ts';

/** A malformed case file: the message starts with `file:line:`. */
export class CaseError extends Error {}

/** The fields of each event type, so a pattern with a misspelt field fails instead of matching nothing. */
const EVENT_FIELDS = {
  mobilised: ['actor', 'level', 'raised'],
  deployment_ordered: ['actor', 'for', 'front', 'troops', 'covert', 'arrives'],
  forces_arrived: ['actor', 'for', 'front', 'troops', 'covert'],
  forces_withdrawn: ['actor', 'front', 'troops', 'covert'],
  war_declared: ['actor', 'on', 'war'],
  war_joined: ['actor', 'war', 'side'],
  ceasefire_proposed: ['actor', 'war'],
  ceasefire: ['war'],
  combat: ['front', 'losses', 'control'],
  wounded_returned: ['actor', 'troops'],
  support_changed: ['actor', 'from', 'to'],
  nuclear_signal: ['actor', 'level'],
  message: ['from', 'to', 'text'],
  rung_reached: ['between', 'rung'],
  rung_fell: ['between', 'rung'],
  detected: ['viewer', 'actor', 'for', 'front', 'estimate'],
  treaty_ratified: ['actor', 'treaty'],
  treaty_in_force: ['treaty'],
  treaty_triggered: ['treaty', 'article', 'protects', 'war'],
  treaty_invoked: ['actor', 'treaty', 'war'],
  call_to_arms: ['actor', 'treaty', 'protects', 'war', 'due'],
  call_answered: ['actor', 'treaty', 'protects', 'war', 'answer'],
  reputation_changed: ['actor', 'from', 'to'],
  ceasefire_rejected: ['actor', 'war'],
  treaty_proposed: ['actor', 'treaty', 'parties'],
  treaty_rejected: ['actor', 'treaty'],
  escalated: ['actor', 'rung', 'against'],
  transfer_started: ['transfer', 'from', 'to', 'kind', 'amount', 'unit', 'standing', 'covert'],
  transfer_stopped: ['transfer', 'from', 'to', 'covert'],
  transfer_short: ['transfer', 'from', 'to', 'delivered', 'promised', 'covert'],
  transfer_detected: ['viewer', 'transfer', 'from', 'to', 'kind'],
  technology_absorbed: ['actor', 'from', 'transfer', 'quality', 'covert'],
  munitions_short: ['actor', 'wanted', 'fired'],
  sanction_imposed: ['sanction', 'by', 'on', 'intensity'],
  sanction_lifted: ['sanction', 'by', 'on'],
  permission_changed: ['permission', 'by', 'to', 'territory', 'allowed'],
  rallied: ['actor', 'war'],
  support_collapsed: ['actor', 'support'],
  red_line_crossed: ['redLine', 'holder', 'acts'],
  red_line_reconsidered: ['redLine', 'holder', 'acts'],
  bandwagon: ['actor', 'side_with', 'war', 'joined', 'threshold'],
  front_opened: ['front', 'war', 'territory', 'by'],
  tripwire: ['actor', 'host', 'front', 'war', 'troops'],
  posture_changed: ['actor', 'front', 'posture', 'covert'],
} satisfies { [K in EventType]: readonly Exclude<keyof Extract<Event, { type: K }>, 'type'>[] };

const CODES: Record<ViolationCode, true> = {
  unknown_actor: true,
  bad_posture: true,
  unknown_order: true,
  unknown_front: true,
  unknown_war: true,
  not_a_belligerent: true,
  not_enough_troops: true,
  beyond_expeditionary_limit: true,
  bad_amount: true,
  mobilisation_not_higher: true,
  already_at_war: true,
  self_target: true,
  bloc_has_no_territory: true,
  co_belligerent: true,
  bloc_cannot_fight: true,
  unknown_treaty: true,
  not_a_party: true,
  already_in_force: true,
  not_triggered: true,
  no_call: true,
  unknown_transfer: true,
  unknown_sanction: true,
  unknown_permission: true,
  not_yours: true,
  not_enough_munitions: true,
  duplicate_id: true,
  already_done: true,
  bad_unit: true,
};

const turnNumber = z.number().int().min(1);
const eventType = z.enum(Object.keys(EVENT_FIELDS) as [EventType, ...EventType[]]);

/** An event pattern: `type`, the event's own fields, and the runner's `turn` (and `count`, if allowed). */
function eventPattern(withCount: boolean) {
  const runnerKeys = withCount ? ['turn', 'count'] : ['turn'];
  return z
    .looseObject({ type: eventType, turn: turnNumber.exactOptional(), count: z.number().int().min(0).exactOptional() })
    .superRefine((p, ctx) => {
      const fields: readonly string[] = EVENT_FIELDS[p.type];
      for (const key of Object.keys(p))
        if (key !== 'type' && !runnerKeys.includes(key) && !fields.includes(key))
          ctx.addIssue({ code: 'custom', path: [key], message: `a ${p.type} event has no field "${key}" (it has ${fields.join(', ')})` });
    });
}

const expectSchema = z.strictObject({
  violations: z
    .array(
      z.strictObject({
        turn: turnNumber.exactOptional(),
        actor: z.string(),
        index: z.number().int().min(0),
        code: z.enum(Object.keys(CODES) as [ViolationCode, ...ViolationCode[]]),
      }),
    )
    .exactOptional(),
  events: z.array(eventPattern(true)).exactOptional(),
  no_events: z.array(eventPattern(false)).exactOptional(),
  state: z.record(z.string(), z.unknown()).exactOptional(),
  state_after: z
    .record(z.string().regex(/^(0|[1-9][0-9]*)$/, 'a key is a turn number (0 for the initial state)'), z.record(z.string(), z.unknown()))
    .exactOptional(),
  compare: z.array(z.string()).exactOptional(),
});
type Expect = z.output<typeof expectSchema>;

const ordersSchema = z.record(z.string(), z.array(orderSchema));

export interface RuleCase {
  file: string;
  why: string;
  scenario: Scenario;
  seed: number;
  /** Every turn played, from 1; `line` is the line of its ORDERS header (or of the next one, for a skipped turn). */
  turns: { turn: number; orders: TurnOrders; line: number }[];
  expect: Expect;
  /** Locate an expectation (a path into the EXPECT section) as `file:line:col: path: message`. */
  place: (path: (string | number)[], message: string) => string;
}

interface Section {
  name: string;
  line: number;
  /** The body, preceded by blank lines so that its line numbers are the file's. */
  text: string;
  empty: boolean;
}

const fail = (file: string, line: number, message: string): never => {
  throw new CaseError(`${file}:${line}: ${message}`);
};
const problems = (ps: Problem[]): never => {
  throw new CaseError(ps.map(formatProblem).join('\n'));
};

function sections(text: string, file: string): { why: string; sections: Section[] } {
  const lines = text.split('\n');
  let why = '';
  const found: Section[] = [];
  let body: string[] = [];
  const finish = () => {
    const last = found.at(-1);
    if (!last) return;
    last.text = '\n'.repeat(last.line) + body.join('\n');
    last.empty = body.every((l) => /^\s*(#.*)?$/.test(l));
    body = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('==')) {
      const m = /^== (.+?) ==\s*$/.exec(line);
      if (!m) fail(file, i + 1, `a section header is "== NAME ==", got "${line}"`);
      finish();
      found.push({ name: m![1]!, line: i + 1, text: '', empty: true });
    } else if (found.length > 0) {
      body.push(line);
    } else if (line.startsWith('# why:')) {
      why = line.slice('# why:'.length).trim();
    } else if (!/^\s*(#.*)?$/.test(line)) {
      fail(file, i + 1, 'only comments may come before the first section (== SCENARIO ==)');
    }
  });
  finish();
  if (why === '') fail(file, 1, 'a case starts with a "# why: ..." line saying what it is about');
  return { why, sections: found };
}

/** Parse a case file; throws a CaseError naming the file and line if it is malformed. */
export function parseCase(text: string, file: string): RuleCase {
  const { why, sections: all } = sections(text, file);
  let scenario: Scenario | undefined;
  let seed = 1;
  let seedSeen = false;
  let expect: Expect | undefined;
  let place: RuleCase['place'] = (_path, message) => `${file}: ${message}`;
  const orders: { turn: number; orders: TurnOrders; line: number }[] = [];

  for (const s of all) {
    const turn = /^ORDERS turn (\d+)$/.exec(s.name);
    if (s.name === 'SCENARIO') {
      if (scenario) fail(file, s.line, 'a second SCENARIO section');
      if (s.empty) fail(file, s.line, 'the SCENARIO section is empty');
      const r = loadScenarioText(s.text, file);
      if (!r.ok) problems(r.problems);
      else scenario = r.scenario;
    } else if (s.name === 'SEED') {
      if (seedSeen) fail(file, s.line, 'a second SEED section');
      const value = s.text.replace(/#.*$/gm, '').trim();
      if (!/^-?\d+$/.test(value)) fail(file, s.line, `the seed is an integer, got "${value}"`);
      seed = Number(value);
      seedSeen = true;
    } else if (turn) {
      const n = Number(turn[1]);
      const previous = orders.at(-1)?.turn ?? 0;
      if (n <= previous) fail(file, s.line, `turn ${n} comes after turn ${previous}: ORDERS sections go in increasing turns from 1`);
      let list: TurnOrders = {};
      if (!s.empty) {
        const r = parseYaml(s.text, file, ordersSchema, `the orders of turn ${n}`);
        if (!r.ok) problems(r.problems);
        else list = r.value;
      }
      orders.push({ turn: n, orders: list, line: s.line });
    } else if (s.name === 'EXPECT') {
      if (expect) fail(file, s.line, 'a second EXPECT section');
      if (s.empty) fail(file, s.line, 'the EXPECT section is empty: a case must expect something');
      const r = parseYaml(s.text, file, expectSchema, 'an EXPECT section');
      if (!r.ok) problems(r.problems);
      else {
        expect = r.value;
        const at = r.place;
        place = (path, message) => formatProblem(at([{ path, message } satisfies Issue])[0]!);
      }
    } else {
      fail(file, s.line, `unknown section "${s.name}": the sections are SCENARIO, SEED, ORDERS turn N and EXPECT`);
    }
  }
  if (!scenario) return fail(file, 1, 'no SCENARIO section');
  if (orders.length === 0) return fail(file, 1, 'no ORDERS section: a case plays at least one turn');
  if (!expect) return fail(file, 1, 'no EXPECT section');

  const last = orders.at(-1)!.turn;
  const turns: RuleCase['turns'] = [];
  for (let t = 1; t <= last; t++)
    turns.push(orders.find((o) => o.turn === t) ?? { turn: t, orders: {}, line: orders.find((o) => o.turn > t)!.line });

  const check = (path: (string | number)[], t: number | undefined, needed: boolean) => {
    if (t !== undefined && t > last) throw new CaseError(place(path, `turn ${t} is after the last turn played (${last})`));
    if (t === undefined && needed && last > 1) throw new CaseError(place(path, `this case plays ${last} turns: say which with "turn"`));
  };
  expect.violations?.forEach((v, i) => check(['violations', i], v.turn, true));
  expect.events?.forEach((e, i) => check(['events', i], e.turn, false));
  expect.no_events?.forEach((e, i) => check(['no_events', i], e.turn, false));
  for (const [path] of Object.entries(expect.state ?? {})) tokens(path, (m) => new CaseError(place(['state', path], m)));
  for (const [t, paths] of Object.entries(expect.state_after ?? {})) {
    if (Number(t) > 0) check(['state_after', t], Number(t), false);
    for (const path of Object.keys(paths)) tokens(path, (m) => new CaseError(place(['state_after', t, path], m)));
  }
  expect.compare?.forEach((text, i) => parseRelation(text, (m) => new CaseError(place(['compare', i], m))));

  return { file, why, scenario, seed, turns, expect, place };
}

interface Played {
  turn: number;
  events: Event[];
  violations: TurnResult['violations'];
}

/** Play a case and check it: the failures, each a located message (none when the case holds). */
export function runCase(c: RuleCase): string[] {
  const failures: string[] = [];
  let state = initialState(c.scenario, c.seed);
  const rng = Rng.derive(c.seed, 1);
  const played: Played[] = [];
  const states: GameState[] = [state];
  for (const t of c.turns) {
    const at = `${c.file}:${t.line}: turn ${t.turn}`;
    const before = hashState(state);
    let result: TurnResult;
    try {
      result = apply(state, t.orders, rng);
    } catch (e) {
      return [...failures, `${at}: apply threw ${e instanceof Error ? e.message : String(e)}`];
    }
    if (hashState(state) !== before) failures.push(`${at}: apply changed its input state`);
    for (const m of invariantBreaches(result.state)) failures.push(`${at}: ${m}`);
    played.push({ turn: t.turn, events: result.events, violations: result.violations });
    state = result.state;
    states.push(state);
  }
  const lastTurn = played.at(-1)!.turn;
  const e = c.expect;

  // Violations: exactly those listed.
  const key = (v: { turn: number; actor: string; index: number; code: string }) => `turn ${v.turn}: ${v.actor}[${v.index}] ${v.code}`;
  const lineOf = (turn: number) => c.turns.find((t) => t.turn === turn)!.line;
  const actual = played.flatMap((p) =>
    p.violations.map((v) => ({ key: key({ turn: p.turn, ...v }), message: v.message, line: lineOf(p.turn) })),
  );
  const wanted = (e.violations ?? []).map((v, i) => ({ key: key({ ...v, turn: v.turn ?? lastTurn }), i }));
  const unmatched = [...actual];
  for (const w of wanted) {
    const j = unmatched.findIndex((a) => a.key === w.key);
    if (j === -1) failures.push(c.place(['violations', w.i], `expected violation ${w.key} did not happen`));
    else unmatched.splice(j, 1);
  }
  for (const a of unmatched) failures.push(`${c.file}:${a.line}: unexpected violation ${a.key}: ${a.message}`);

  const onTurn = (turn: number | undefined) =>
    played.filter((p) => turn === undefined || p.turn === turn).flatMap((p) => p.events.map((ev) => ({ turn: p.turn, ev })));
  const when = (turn: number | undefined) => (turn === undefined ? 'on any turn' : `on turn ${turn}`);

  e.events?.forEach((p, i) => {
    const { turn, count, ...pattern } = p;
    const found = onTurn(turn).filter((x) => matches(pattern, x.ev));
    if (count === undefined ? found.length === 0 : found.length !== count) {
      const sameType = onTurn(turn).filter((x) => x.ev.type === pattern.type);
      const seen = sameType.length === 0 ? 'none' : sameType.map((x) => `\n    turn ${x.turn}: ${JSON.stringify(x.ev)}`).join('');
      const wantedCount = count === undefined ? 'an event' : `${count} event(s)`;
      failures.push(
        c.place(
          ['events', i],
          `expected ${wantedCount} ${when(turn)} matching ${JSON.stringify(pattern)}, found ${found.length}; ${pattern.type} events: ${seen}`,
        ),
      );
    }
  });
  e.no_events?.forEach((p, i) => {
    const { turn, ...pattern } = p;
    for (const x of onTurn(turn).filter((y) => matches(pattern, y.ev)))
      failures.push(c.place(['no_events', i], `unwanted event on turn ${x.turn}: ${JSON.stringify(x.ev)}`));
  });

  const checkState = (s: GameState, expected: Record<string, unknown>, at: (string | number)[]) => {
    for (const [path, value] of Object.entries(expected)) {
      const got = resolve(s, path);
      const where = [...at, path];
      if (value === 'absent') {
        if (got.found) failures.push(c.place(where, `expected no ${path}, found ${JSON.stringify(got.value)}`));
      } else if (!got.found) failures.push(c.place(where, got.why));
      else if (!matches(value, got.value))
        failures.push(c.place(where, `expected ${JSON.stringify(value)}, got ${JSON.stringify(got.value)}`));
    }
  };
  for (const [t, expected] of Object.entries(e.state_after ?? {})) checkState(states[Number(t)]!, expected, ['state_after', t]);
  checkState(state, e.state ?? {}, ['state']);

  e.compare?.forEach((text, i) => {
    const r = parseRelation(text, (m) => new CaseError(m));
    const problem = (m: string) => failures.push(c.place(['compare', i], m));
    const left = evaluate(r.left, state);
    const right = evaluate(r.right, state);
    if (typeof left === 'string') problem(left);
    else if (typeof right === 'string') problem(right);
    else if (!holds(left, r.op, right)) problem(`"${text}" is false: ${left} ${r.op} ${right}`);
  });
  return failures;
}

/** The state's invariants (state.ts, docs/model.md §3), as messages for each breach. */
function invariantBreaches(s: GameState): string[] {
  const out: string[] = [];
  const away = new Map<string, number>();
  const count = (actor: string, n: number, where: string) => {
    if (!(Number.isInteger(n) && n > 0)) out.push(`${where}: ${n} troops (a force is a whole number above 0)`);
    away.set(actor, (away.get(actor) ?? 0) + n);
  };
  for (const f of s.fronts) {
    if (!(f.control >= 0 && f.control <= 1)) out.push(`front ${f.id}: control ${f.control} is outside [0, 1]`);
    for (const x of f.forces) count(x.actor, x.troops, `${x.actor} on ${f.id}`);
  }
  for (const t of s.transit) count(t.actor, t.troops, `${t.actor} in transit to ${t.front}`);
  for (const a of s.actors) {
    const { killed, wounded, returned } = a.casualties;
    for (const [name, n] of Object.entries({ pool: a.pool, reserve: a.reserve, raised: a.raised, killed, wounded, returned }))
      if (!(Number.isInteger(n) && n >= 0)) out.push(`${a.id}: ${name} is ${n}`);
    if (!(a.support >= 0 && a.support <= 1)) out.push(`${a.id}: support ${a.support} is outside [0, 1]`);
    const sum = a.pool + (away.get(a.id) ?? 0) + killed + wounded;
    if (sum !== a.raised)
      out.push(
        `${a.id}: people not conserved: pool ${a.pool} + deployed and in transit ${away.get(a.id) ?? 0} + killed ${killed} + wounded ${wounded} = ${sum}, raised ${a.raised}`,
      );
  }
  for (const [d, r] of Object.entries(s.rungs)) if (r > s.maxRung) out.push(`rung ${r} of ${d} is above maxRung ${s.maxRung}`);
  if (!(s.maxRung >= 0 && s.maxRung <= 44)) out.push(`maxRung ${s.maxRung} is off Kahn's ladder`);
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isRange(x: unknown): x is { min?: number; max?: number } {
  if (!isObject(x)) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => (k === 'min' || k === 'max') && typeof x[k] === 'number');
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Does `actual` match the expected value: ranges, numbers within rounding, subsets of objects, arrays element by element. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (isRange(expected)) return typeof actual === 'number' && actual >= (expected.min ?? -Infinity) && actual <= (expected.max ?? Infinity);
  if (typeof expected === 'number') return typeof actual === 'number' && close(expected, actual);
  if (Array.isArray(expected))
    return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => matches(x, actual[i]));
  if (isObject(expected)) return isObject(actual) && Object.entries(expected).every(([k, v]) => k in actual && matches(v, actual[k]));
  return expected === actual;
}

/** A path's segments: names (`actors`, `blue|red`) and `[k=v,...]` filters. */
function tokens(path: string, error: (m: string) => Error): string[] {
  const out: string[] = [];
  const re = /(\.)?([\w|-]+)|\[([^\]]+)\]/y;
  while (re.lastIndex < path.length) {
    const start = re.lastIndex;
    const m = re.exec(path);
    if (!m || (m[2] !== undefined && (start === 0) === (m[1] !== undefined))) {
      out.length = 0;
      break;
    }
    out.push(m[2] ?? `[${m[3]}]`);
  }
  if (out.length === 0) throw error(`"${path}" is not a path (a.b.c, with [field=value] filters in lists)`);
  for (const t of out)
    if (t.startsWith('[') && !/^\[[a-z_]+=[^,=]+(,[a-z_]+=[^,=]+)*\]$/i.test(t))
      throw error(`"${t}" is not a filter: write [field=value,field=value]`);
  return out;
}

function resolve(state: unknown, path: string): { found: true; value: unknown } | { found: false; why: string } {
  let value = state;
  let where = '';
  for (const seg of tokens(path, (m) => new CaseError(m))) {
    const here = where === '' ? 'the state' : where;
    if (Array.isArray(value)) {
      let next: unknown[];
      if (seg.startsWith('[')) {
        const pairs = seg
          .slice(1, -1)
          .split(',')
          .map((kv) => kv.split('=') as [string, string]);
        next = value.filter((el) => isObject(el) && pairs.every(([k, v]) => k in el && String(el[k]) === v));
        if (next.length > 1)
          return { found: false, why: `${here}${seg} matches ${next.length} elements, not one: ${JSON.stringify(next)}` };
      } else if (seg === 'length') next = [value.length];
      else if (/^\d+$/.test(seg)) next = Number(seg) < value.length ? [value[Number(seg)]] : [];
      else next = value.filter((el) => isObject(el) && el.id === seg);
      if (next.length === 0) return { found: false, why: `${here} has no element ${seg}: ${JSON.stringify(value)}` };
      value = next[0];
    } else if (isObject(value) && Object.hasOwn(value, seg)) value = value[seg];
    else return { found: false, why: `${here} has no "${seg}"${isObject(value) ? ` (it has ${Object.keys(value).join(', ')})` : ''}` };
    where = where === '' ? seg : seg.startsWith('[') ? `${where}${seg}` : `${where}.${seg}`;
  }
  return { found: true, value };
}

type Expr = { num: number } | { path: string } | { op: '+' | '-' | '*' | '/' | '%'; left: Expr; right: Expr };
type RelOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Parse `LEFT OP RIGHT` (each side + - * / % over numbers and paths, with parentheses). */
function parseRelation(text: string, error: (m: string) => Error): { left: Expr; op: RelOp; right: Expr } {
  const toks: string[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[-+]?\d+)?)|([A-Za-z_][\w|-]*(?:\.[\w|-]+|\[[^\]]*\])*)|(<=|>=|==|!=|<|>|[-+*/%()]))/y;
  let m: RegExpExecArray | null;
  let read = 0;
  while ((m = re.exec(text))) {
    toks.push(m[1] ?? m[2] ?? m[3]!);
    read = re.lastIndex;
  }
  if (text.slice(read).trim() !== '') throw error(`cannot read "${text.slice(read).trim()}" in "${text}"`);
  let i = 0;
  const atom = (): Expr => {
    const t = toks[i++];
    if (t === undefined) throw error(`"${text}" ends too soon`);
    if (t === '(') {
      const e = sum();
      if (toks[i++] !== ')') throw error(`a "(" is not closed in "${text}"`);
      return e;
    }
    if (t === '-') return { op: '-', left: { num: 0 }, right: atom() };
    if (/^\d/.test(t)) return { num: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      tokens(t, error);
      return { path: t };
    }
    throw error(`unexpected "${t}" in "${text}"`);
  };
  const product = (): Expr => {
    let e = atom();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') e = { op: toks[i++] as '*' | '/' | '%', left: e, right: atom() };
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (toks[i] === '+' || toks[i] === '-') e = { op: toks[i++] as '+' | '-', left: e, right: product() };
    return e;
  };
  const left = sum();
  const op = toks[i++];
  if (!op || !['<', '<=', '>', '>=', '==', '!='].includes(op)) throw error(`"${text}" needs one of < <= > >= == != between two sides`);
  const right = sum();
  if (i !== toks.length) throw error(`unexpected "${toks[i]}" in "${text}"`);
  return { left, op: op as RelOp, right };
}

/** The value of an expression over the state, or a message saying why there is none. */
function evaluate(e: Expr, state: GameState): number | string {
  if ('num' in e) return e.num;
  if ('path' in e) {
    const r = resolve(state, e.path);
    if (!r.found) return r.why;
    return typeof r.value === 'number' ? r.value : `${e.path} is ${JSON.stringify(r.value)}, not a number`;
  }
  const a = evaluate(e.left, state);
  const b = evaluate(e.right, state);
  if (typeof a === 'string') return a;
  if (typeof b === 'string') return b;
  return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : a % b;
}

function holds(a: number, op: RelOp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b && !close(a, b);
    case '<=':
      return a <= b || close(a, b);
    case '>':
      return a > b && !close(a, b);
    case '>=':
      return a >= b || close(a, b);
    case '==':
      return close(a, b);
    case '!=':
      return !close(a, b);
  }
}
