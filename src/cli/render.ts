/**
 * Text views of a scenario for people: the `show` tables and the "your move" screen.
 */
import { central, isDist } from '../core/dist.ts';
import type { Actor, Num, Obligation, Predicate, Scenario, Val } from '../core/model.ts';
import { addDays } from '../core/scenario/dates.ts';

const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumSignificantDigits: 3 });

/** A number for a person: `1.13M`, `0.55`, or a distribution as `centre (low–high)`. */
export function formatNum(n: Num | undefined): string {
  if (n === undefined) return '-';
  const f = (x: number) => (Math.abs(x) >= 1000 ? compact.format(x) : Number(x.toPrecision(3)).toString());
  if (typeof n === 'number') return f(n);
  if (!isDist(n)) return f(n.value);
  switch (n.dist) {
    case 'normal':
      return `${f(n.mean)} ±${f(n.sd)}`;
    case 'lognormal':
      return `~${f(n.median)} (σlog ${f(n.sigma)})`;
    case 'triangular':
      return `${f(n.mode)} (${f(n.min)}–${f(n.max)})`;
    case 'uniform':
      return `${f(central(n))} (${f(n.min)}–${f(n.max)})`;
    case 'beta':
      return `${f(central(n))} (β ${f(n.alpha)},${f(n.beta)})`;
  }
}

const plain = <T>(v: Val<T> | undefined): T | undefined =>
  v !== null && typeof v === 'object' && 'value' in v ? v.value : (v as T | undefined);

/**
 * The width of text on a terminal, as cli-table3 measures it (string-width 4): escape sequences, control and
 * combining characters take no column, East Asian wide and fullwidth characters and pictographs two.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(SGR, '')) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f)) continue;
    width += WIDE.test(ch) || wideCodePoint(c) ? 2 : 1;
  }
  return width;
}

const WIDE = /\p{Extended_Pictographic}/u;
// eslint-disable-next-line no-control-regex -- the escape sequences that colour terminal text are what it matches
const SGR = /\u001b\[[0-9;]*m/g;

/** East Asian wide and fullwidth code points (Unicode EastAsianWidth, as is-fullwidth-code-point 3 lists them). */
function wideCodePoint(c: number): boolean {
  return (
    c >= 0x1100 &&
    (c <= 0x115f ||
      c === 0x2329 ||
      c === 0x232a ||
      (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) ||
      (c >= 0x3250 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0xa4c6) ||
      (c >= 0xa960 && c <= 0xa97c) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe10 && c <= 0xfe19) ||
      (c >= 0xfe30 && c <= 0xfe6b) ||
      (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1b000 && c <= 0x1b001) ||
      (c >= 0x1f200 && c <= 0x1f251) ||
      (c >= 0x20000 && c <= 0x3fffd))
  );
}

/**
 * A box table drawn as cli-table3 draws it (a rule under the head and between rows, one space of padding), in time
 * linear in its text. cli-table3 measures a cell's whole text again for every line of it that it draws, character by
 * character (Cell.draw's debug truncation), so a cell of n lines cost n³: `show` took 12 s for a treaty of 40
 * obligations, 74 s for 80.
 */
export class BoxTable {
  private readonly rows: string[][] = [];
  /** `measure` is the width of a line on the terminal (tests count its calls: one per line of text). */
  constructor(
    private readonly head: readonly string[],
    private readonly measure: (line: string) => number = displayWidth,
  ) {}

  push(row: readonly string[]): void {
    this.rows.push([...row]);
  }

  toString(): string {
    // Each line of each cell, measured once.
    const cells = [this.head, ...this.rows].map((row) =>
      this.head.map((_, j) => (row[j] ?? '').split('\n').map((text) => ({ text, width: this.measure(text) }))),
    );
    const widths = this.head.map((_, j) => {
      let w = 0;
      for (const row of cells) for (const line of row[j]!) w = Math.max(w, line.width);
      return w;
    });
    const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
    const out = [rule('┌', '┬', '┐')];
    cells.forEach((row, i) => {
      if (i > 0) out.push(rule('├', '┼', '┤'));
      const height = Math.max(...row.map((lines) => lines.length));
      for (let k = 0; k < height; k++)
        out.push(
          '│' + row.map((lines, j) => ` ${lines[k]?.text ?? ''}${' '.repeat(widths[j]! - (lines[k]?.width ?? 0))} `).join('│') + '│',
        );
    });
    out.push(rule('└', '┴', '┘'));
    return out.join('\n');
  }
}

function table(head: string[]): BoxTable {
  return new BoxTable(head);
}

export function endDate(s: Scenario): string {
  return addDays(s.start, s.horizon * s.turn_days);
}

function obligationLine(o: Obligation): string {
  const c = o.conditions;
  const when = [
    c.trigger === 'attack' ? `attack on ${c.location ?? 'territory'}` : c.trigger,
    c.by ? `by ${c.by.join('/')}` : '',
    c.except_by ? `by anyone but ${c.except_by.join('/')}` : '',
    c.by_at_least ? `by ${c.by_at_least}+ great powers` : '',
    c.supported_by ? `supported by ${c.supported_by.join('/')}` : '',
    c.regions ? `in ${c.regions.join('/')}` : '',
    c.unprovoked ? 'unprovoked' : '',
  ].filter(Boolean);
  const duty = o.duty ? ` to ${o.duty.replace(/_/g, ' ')}` : '';
  const against = o.against ? ` against ${o.against.join('/')}` : '';
  return `${o.article ? o.article + ': ' : ''}${o.type} (${o.strength.replace(/_/g, ' ')})${duty}${against} if ${when.join(', ')}`;
}

/** A predicate as a short phrase: `chn at war`, `any(...)`. */
export function describePredicate(p: Predicate): string {
  const [key, args] = Object.entries(p)[0] as [string, unknown];
  if (key === 'all' || key === 'any') return `${key}(${(args as Predicate[]).map(describePredicate).join('; ')})`;
  if (key === 'not') return `not ${describePredicate(args as Predicate)}`;
  const a = Object.entries(args as Record<string, unknown>)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('-') : String(v)}`)
    .join(' ');
  return `${key}(${a})`;
}

export function renderScenario(s: Scenario): string {
  const out: string[] = [];
  out.push(`${s.title}  [${s.id}]`);
  out.push(
    `${s.start} to ${endDate(s)}: ${s.horizon} turns of ${s.turn_days} day${s.turn_days === 1 ? '' : 's'}; default player: ${s.player}`,
  );
  out.push('', s.description.trim(), '');

  const actors = table(['actor', 'name', 'kind', 'regime', 'active', 'reserve', 'nuclear', 'support', 'CINC']);
  for (const a of s.actors)
    actors.push([
      a.id,
      a.name,
      a.kind === 'bloc' ? `bloc of ${a.members?.length ?? 0}` : 'state',
      plain(a.regime?.type) ?? '-',
      formatNum(a.capabilities?.active),
      formatNum(a.capabilities?.reserve),
      formatNum(a.capabilities?.nuclear_warheads),
      formatNum(a.domestic?.support),
      formatNum(a.capabilities?.cinc),
    ]);
  out.push('Actors', actors.toString());

  for (const c of s.conflicts ?? []) {
    out.push(
      '',
      `War: ${c.name} (since ${c.start}; ${c.sides[0].join(', ')} vs ${c.sides[1].join(', ')}${c.aggressor ? `; aggressor ${c.aggressor}` : ''})`,
    );
    const fronts = table(['front', 'territory', 'held by owner', 'forces']);
    for (const f of (s.fronts ?? []).filter((x) => x.conflict === c.id))
      fronts.push([
        `${f.id}\n${f.name}`,
        f.territory,
        formatNum(f.control),
        f.forces
          .map(
            (d) =>
              `${d.actor} ${formatNum(d.troops)}${d.for ? ` for ${d.for}` : ''}${d.covert ? ' (covert)' : ''}${d.posture ? `, ${d.posture}` : ''}`,
          )
          .join('\n'),
      ]);
    out.push(fronts.toString());
  }

  if (s.treaties?.length) {
    const t = table(['treaty', 'parties', 'status', 'obligations']);
    for (const tr of s.treaties)
      t.push([
        `${tr.id}\n${tr.name}\nsigned ${tr.signed}${tr.renewed?.length ? `, renewed ${tr.renewed.join(', ')}` : ''}`,
        tr.parties.join(', '),
        tr.status + (tr.in_force_from ? ` (from ${tr.in_force_from})` : ''),
        tr.obligations.map(obligationLine).join('\n'),
      ]);
    out.push('', 'Treaties', t.toString());
  }

  const flows = [
    ...(s.transfers ?? []).map(
      (x) => `${x.from} -> ${x.to}: ${formatNum(x.amount)} ${x.unit} of ${x.kind} per turn${x.covert ? ' (covert)' : ''}`,
    ),
    ...(s.sanctions ?? []).map((x) => `${x.by.join(', ')} sanction ${x.on} (intensity ${formatNum(x.intensity)})`),
    ...(s.permissions ?? []).map((x) => `${x.by} ${plain(x.allowed) ? 'allows' : 'forbids'} ${x.to} to use ${x.weapons} on ${x.territory}`),
  ];
  if (flows.length) out.push('', 'Transfers, sanctions, permissions', ...flows.map((l) => `  ${l}`));

  if (s.red_lines?.length) {
    out.push('', 'Red lines');
    for (const r of s.red_lines)
      out.push(`  ${r.holder}: ${r.text ?? describePredicate(r.when)} -> ${Object.keys(r.then)[0]} (p ${formatNum(r.likelihood)})`);
  }

  if (s.questions?.length) {
    const q = table(['question', 'by', 'text']);
    for (const x of s.questions) q.push([x.id, x.by ?? endDate(s), x.text]);
    out.push('', 'Questions', q.toString());
  }
  if (s.metrics?.length) {
    const m = table(['metric', 'unit', 'text']);
    for (const x of s.metrics) m.push([x.id, x.unit, x.text]);
    out.push('', 'Metrics', m.toString());
  }
  return out.join('\n') + '\n';
}

/** The "your move" screen: the situation as the player's side sees it at the start, and whose move it is. */
export function renderYourMove(s: Scenario, player: Actor): string {
  const out: string[] = [];
  const rule = '='.repeat(78);
  out.push(rule, `  ${s.title}`, `  ${s.start}: turn 1 of ${s.horizon} (${s.turn_days}-day turns)`, rule, '');
  for (const c of s.conflicts ?? []) {
    out.push(`War: ${c.name}, since ${c.start}`);
    for (const f of (s.fronts ?? []).filter((x) => x.conflict === c.id)) {
      const foreign = f.forces.filter((d) => d.for !== undefined && d.for !== d.actor);
      out.push(
        `  ${f.name}: ${f.territory} holds ${formatNum(f.control)}; ` +
          f.forces.map((d) => `${d.actor} ${formatNum(d.troops)}`).join(', ') +
          (foreign.length ? `  <- foreign troops: ${foreign.map((d) => `${d.actor} for ${d.for}`).join(', ')}` : ''),
      );
    }
  }
  const bound = (s.treaties ?? []).filter(
    (t) => t.parties.includes(player.id) || (player.members ?? []).some((m) => t.parties.includes(m)),
  );
  const others = (s.treaties ?? []).filter((t) => !bound.includes(t));
  if (bound.length)
    out.push('', `Treaties binding ${player.name}:`, ...bound.map((t) => `  ${t.name}: ${t.obligations.map(obligationLine).join('; ')}`));
  if (others.length)
    out.push(
      '',
      'Treaties of the others:',
      ...others.map((t) => `  ${t.name} (${t.status}): ${t.obligations.map(obligationLine).join('; ')}`),
    );
  if (s.questions?.length) out.push('', 'What is at stake:', ...s.questions.slice(0, 10).map((q) => `  - ${q.text}`));
  out.push('', `Your move, ${player.name}.`, '');
  out.push(
    `Play it: yourmove play ${s.id} --as ${player.id}  (the other actors are bots that answer with their reasons)`,
    `A scripted game: yourmove play ${s.id} --as ${player.id} --orders <file>  (see examples/nato-orders.yaml)`,
    `What if: yourmove forecast ${s.id}  |  yourmove advise ${s.id} --as ${player.id}  |  yourmove cascade ${s.id} --trigger "<actor> declares war on <actor>"`,
    `More: yourmove show ${s.id}  |  yourmove validate <file>  |  yourmove scenarios  |  yourmove --help`,
  );
  return out.join('\n') + '\n';
}
