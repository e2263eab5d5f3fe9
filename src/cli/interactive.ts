/**
 * Interactive play in the terminal (`yourmove play <scenario> --as <actor>` without `--orders`, and `npm start`):
 * each turn shows the situation as the player knows it, then "Your move, NATO." with the legal orders as a
 * numbered menu (amounts asked for, with a default); the player picks orders until it ends the turn; the other
 * actors' bots answer; the turn report follows with their reasons. Input is read line by line, so a script can
 * drive it through standard input (the tests do). `q` quits; the end of the input quits too.
 */
import { createInterface } from 'node:readline';
import type { Bot, Decision } from '../ai/bot.ts';
import { botTurn } from '../ai/play.ts';
import { apply } from '../core/engine/apply.ts';
import { initialState } from '../core/engine/init.ts';
import { legalOrders } from '../core/engine/legal.ts';
import { observe, visibleEvents, type Observation } from '../core/engine/observe.ts';
import type { Order } from '../core/engine/orders.ts';
import { isTerminal } from '../core/engine/returns.ts';
import type { GameState } from '../core/engine/state.ts';
import type { Scenario } from '../core/model.ts';
import { Rng } from '../core/rng.ts';
import { turnReport } from './report.ts';

const n = new Intl.NumberFormat('en-GB');

/** Menu headings by order type. */
const GROUP: Record<Order['type'], string> = {
  pass: '',
  mobilise: '-- forces',
  deploy: '-- forces',
  withdraw: '-- forces',
  posture: '-- forces',
  declare_war: '-- war and peace',
  invade: '-- war and peace',
  join_war: '-- war and peace',
  propose_ceasefire: '-- war and peace',
  accept_ceasefire: '-- war and peace',
  reject_ceasefire: '-- war and peace',
  nuclear_signal: '-- escalation',
  escalate: '-- escalation',
  message: '-- diplomacy',
  propose_treaty: '-- treaties',
  ratify: '-- treaties',
  reject_treaty: '-- treaties',
  invoke_treaty: '-- treaties',
  answer_call: '-- treaties',
  transfer: '-- aid, sanctions, permissions',
  stop_transfer: '-- aid, sanctions, permissions',
  sanction: '-- aid, sanctions, permissions',
  lift_sanction: '-- aid, sanctions, permissions',
  permit: '-- aid, sanctions, permissions',
  forbid: '-- aid, sanctions, permissions',
};
const pct = (x: number) => `${Math.round(x * 100)} %`;

export interface InteractiveOptions {
  scenario: Scenario;
  player: string;
  seed: number;
  turns: number;
  bots: readonly Bot[];
  out: (text: string) => void;
}

/** Play until the horizon, `turns` turns, `q` or the end of the input. Returns the turns played. */
export async function playInteractive(opts: InteractiveOptions): Promise<number> {
  const { scenario: s, player, out } = opts;
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    out(prompt);
    const next = await lines.next();
    if (next.done) return null;
    out('\n');
    return next.value.trim();
  };

  let state: GameState = initialState(s, opts.seed);
  const rng = Rng.derive(opts.seed, 1);
  let played = 0;
  try {
    while (played < opts.turns && !isTerminal(state)) {
      out(situation(s, observe(state, player)) + '\n');
      const mine: Order[] = [];
      for (;;) {
        const menu = legalOrders(state, player).filter((o) => o.type !== 'pass');
        out(`Your move, ${name(player)}.${mine.length > 0 ? ` Ordered so far: ${mine.map((o) => describe(s, o)).join('; ')}.` : ''}\n`);
        out('   0  end the turn\n');
        menu.forEach((o, i) => {
          if (GROUP[o.type] !== GROUP[menu[i - 1]?.type ?? 'pass']) out(`      ${GROUP[o.type]}\n`);
          out(`${String(i + 1).padStart(4)}  ${describe(s, o)}\n`);
        });
        const answer = await ask('Order number (0 ends the turn, q quits): ');
        if (answer === null || answer === 'q') return played;
        if (answer === '' || answer === '0') break;
        const k = Number(answer);
        const picked = Number.isInteger(k) ? menu[k - 1] : undefined;
        if (!picked) {
          out(`  "${answer}" is not on the menu: type a number from 0 to ${menu.length}\n`);
          continue;
        }
        const order = await withAmount(picked, ask, out);
        if (order === null) return played;
        mine.push(order);
      }
      const { orders, decisions } = botTurn(state, mine.length > 0 ? { [player]: mine } : {}, opts.bots);
      const result = apply(state, orders, rng);
      state = result.state;
      played++;
      out(
        '\n' +
          turnReport(
            s,
            player,
            state.turn,
            state.date,
            visibleEvents(result.events, player, state),
            result.violations.filter((v) => v.actor === player),
          ),
      );
      out(answers(s, decisions) + '\n');
    }
    out(`The game ends after turn ${state.turn}.\n`);
    return played;
  } finally {
    rl.close();
  }
}

/** Ask for the amount of an order that has one, with the menu's figure as the default. */
async function withAmount(o: Order, ask: (prompt: string) => Promise<string | null>, out: (t: string) => void): Promise<Order | null> {
  const field =
    o.type === 'deploy' || o.type === 'withdraw' ? 'troops' : o.type === 'transfer' ? 'amount' : o.type === 'sanction' ? 'intensity' : null;
  if (field === null) return o;
  for (;;) {
    const current = (o as Record<string, unknown>)[field] as number;
    const answer = await ask(`  ${field} [${current}]: `);
    if (answer === null) return null;
    if (answer === '') return o;
    const x = Number(answer.replace(/[, _]/g, ''));
    if (Number.isFinite(x) && x > 0) return { ...o, [field]: x } as Order;
    out(`  "${answer}" is not a number above 0\n`);
  }
}

/** The situation at a glance, as the player knows it. */
export function situation(s: Scenario, o: Observation): string {
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const lines = [`=== Turn ${o.turn + 1}, from ${o.date}: the situation as ${name(o.viewer)} knows it ===`];
  for (const w of o.wars)
    lines.push(
      `  War ${w.id}${w.active ? '' : ' (ceasefire)'}: ${w.sides[0].map(name).join(', ')} against ${w.sides[1].map(name).join(', ')}`,
    );
  for (const f of o.fronts) {
    const front = s.fronts?.find((x) => x.id === f.id)?.name ?? f.id;
    const forces = f.forces.map(
      (x) => `${name(x.actor)}${x.for !== x.actor ? ` (for ${name(x.for)})` : ''} ${x.estimated ? '~' : ''}${n.format(x.troops)}`,
    );
    lines.push(`  ${front}: ${name(f.territory)} holds ${pct(f.control)}; ${forces.join(', ') || 'no forces'}`);
  }
  const me = o.self;
  if (me)
    lines.push(
      `  You: ${n.format(me.pool)} troops available, mobilisation ${me.mobilisation}, support ${pct(me.support)}, credibility ${pct(me.reputation)}`,
    );
  lines.push(`  Support at home: ${o.actors.map((a) => `${name(a.id)} ${pct(a.support)}`).join(', ')}`);
  lines.push(`  Escalation: Kahn rung ${o.maxRung} at most${o.maxRung >= 21 ? ' — nuclear weapons have been used' : ''}`);
  const calls = o.calls.filter((c) => c.obliged === o.viewer && c.answer === 'pending');
  for (const c of calls) lines.push(`  A call to arms awaits your answer: ${name(c.protects)} under ${c.treaty}, by turn ${c.due}`);
  return lines.join('\n') + '\n';
}

/** The other actors' answers with their reasons. */
export function answers(s: Scenario, decisions: readonly Decision[]): string {
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const lines = ['Their answers:'];
  const idle: string[] = [];
  for (const d of decisions) {
    if (d.orders.length === 0 && d.value === null) idle.push(name(d.actor));
    else for (const r of d.reasons) lines.push(`  ${name(d.actor)} ${r}`);
  }
  if (idle.length > 0) lines.push(`  ${idle.join(', ')}: nothing this turn (no rule called for an order)`);
  return lines.join('\n') + '\n';
}

/** An order in words, for menus. */
export function describe(s: Scenario, o: Order): string {
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const front = (id: string) => s.fronts?.find((f) => f.id === id)?.name ?? id;
  switch (o.type) {
    case 'pass':
      return 'do nothing';
    case 'mobilise':
      return `mobilise: ${o.level}`;
    case 'deploy':
      return `send ${n.format(o.troops)} troops to ${front(o.front)}${o.for ? ` to fight for ${name(o.for)}` : ''}${o.covert ? ' (covertly)' : ''}`;
    case 'withdraw':
      return `withdraw ${n.format(o.troops)} troops from ${front(o.front)}`;
    case 'posture':
      return `${o.posture} on ${front(o.front)}`;
    case 'declare_war':
      return `declare war on ${name(o.on)}`;
    case 'invade':
      return `invade ${name(o.territory)} with ${n.format(o.troops)} troops`;
    case 'join_war':
      return `enter the war ${o.war} on ${name(o.side_with)}'s side`;
    case 'propose_ceasefire':
      return `offer a ceasefire in ${o.war}`;
    case 'accept_ceasefire':
      return `accept a ceasefire in ${o.war}`;
    case 'reject_ceasefire':
      return `reject a ceasefire in ${o.war}`;
    case 'nuclear_signal':
      return `nuclear alert: ${o.level}`;
    case 'escalate':
      return `escalate to Kahn rung ${o.rung}${o.against ? ` against ${o.against.map(name).join(', ')}` : ''}`;
    case 'message':
      return `message ${name(o.to)}: "${o.text}"`;
    case 'propose_treaty':
      return `propose a defence pact to ${o.parties
        .filter((p) => p !== o.parties[0])
        .map(name)
        .join(', ')}`;
    case 'ratify':
      return `ratify ${o.treaty}`;
    case 'reject_treaty':
      return `reject ${o.treaty}`;
    case 'invoke_treaty':
      return `invoke ${o.treaty}`;
    case 'answer_call':
      return `${o.answer} the call to arms under ${o.treaty}`;
    case 'transfer':
      return `${o.standing ? 'start sending' : 'send'} ${name(o.to)} ${o.kind.replace('_', '-')}: ${n.format(o.amount)}${o.unit ? ` ${o.unit}` : ''}${o.standing ? ' a turn' : ''}`;
    case 'stop_transfer':
      return `stop transfer ${o.transfer}`;
    case 'sanction':
      return `sanction ${name(o.on)} (${pct(o.intensity)} of its trade)`;
    case 'lift_sanction':
      return `lift sanction ${o.sanction}`;
    case 'permit':
      return `allow ${o.permission}`;
    case 'forbid':
      return `forbid ${o.permission}`;
  }
}
