/**
 * Which questions no rule of a scenario can decide (docs/forecast.md, "No mechanism"): a static check, before any
 * run, of what the engine and the forecast's bots could ever bring about. A forecast that answers 0.0 % to "does
 * China enter the war?" reads as "very unlikely"; when nothing in the scenario could bring China in — no red line, no
 * bandwagon, no treaty that obliges it to fight for someone who may be attacked — the honest answer is "no mechanism
 * in this scenario", and the forecast says so with the reason.
 *
 * The check over-approximates: a predicate is reachable when some chain of the engine's rules could make it hold,
 * however unlikely (so it never calls a possible event impossible). What can start or widen a war is closed to a
 * fixed point: the wars under way, red lines' `enter_war`, `declare_war` and `invade`, bandwagons, and calls to arms
 * under treaties whose fighting obligations bind an actor to one who may be at war. The forecast's bots (the
 * heuristic policy, docs/ai.md) declare, join and invade only through these, deploy only in their wars, arm only
 * through red lines (or add to weapons aid they already give: burden sharing), and signal no nuclear alerts; a player's orders are outside the check (`advise` and `cascade`
 * weigh them).
 */
import { RUNG } from '../engine/escalation.ts';
import type { Id, Predicate, RedLineEffect, Scenario } from '../model.ts';
import type { Order, TurnOrders } from '../engine/orders.ts';
import { MOBILISATION_LEVELS } from '../engine/state.ts';
import { NUCLEAR_USE_RUNG } from '../engine/predicates.ts';

/** The war rung (Kahn 12) that entering a war sets between enemies (engine/escalation.ts RUNG.war). */
const WAR_RUNG = RUNG.war;

export type Reach = { status: 'open' } | { status: 'no_mechanism'; reason: string } | { status: 'certain_by_construction'; reason: string };

/**
 * Each question's reach, by question id. `script`: orders given for some turns (a cascade's trigger, an option
 * `advise` weighs), which count as mechanisms too.
 */
export function questionReach(s: Scenario, script: readonly TurnOrders[] = []): Map<Id, Reach> {
  const world = new Possible(s, script);
  return new Map((s.questions ?? []).map((q) => [q.id, world.reach(q.when)]));
}

/** What could come about in a scenario: who may be at war with whom, and the rungs, arms and orders that could follow. */
class Possible {
  /** Pairs that may be at war with each other, as "a|b" both ways. */
  private readonly enemies = new Set<string>();
  private readonly atWar = new Set<Id>();
  /**
   * Who may be attacked (declared war on, or invaded): a war's principals (entering a war is a declaration on the
   * other side's principal), the targets of declarations and invasions, and whoever has a front on its soil.
   */
  private readonly principals = new Set<Id>();
  private readonly invaded = new Set<Id>();
  /** Who may stand beside whom in a war: a war's sides at the start, and whoever may join one. */
  private readonly beside = new Map<Id, Set<Id>>();
  private besides = 0;
  private readonly names: Map<Id, string>;

  /** What the script orders, as red lines that surely act (and the deployments and flows it starts). */
  private readonly scripted: { holder: Id; then: RedLineEffect }[] = [];
  private readonly scriptedDeploy = new Set<Id>();
  private readonly scriptedFlows: { from: Id; to: Id; kind: string; offensive: boolean }[] = [];
  private readonly scriptedRungs: { by: Id; rung: number; against?: readonly Id[] }[] = [];

  constructor(
    private readonly s: Scenario,
    script: readonly TurnOrders[],
  ) {
    this.names = new Map(s.actors.map((a) => [a.id, a.name]));
    for (const turn of script) for (const [actor, orders] of Object.entries(turn)) for (const o of orders) this.order(actor, o);
    for (const c of s.conflicts ?? []) {
      for (const x of c.sides[0]) for (const y of c.sides[1]) this.fight(x, y);
      for (const side of c.sides) for (const x of side) for (const y of side) if (x !== y) this.stand(x, y);
      for (const side of c.sides) if (side[0] !== undefined) this.principals.add(side[0]);
    }
    for (const f of s.fronts ?? []) this.invaded.add(f.territory);
    for (const r of [...(s.red_lines ?? []), ...this.scripted]) {
      if ('declare_war' in r.then) this.principals.add(r.holder).add(r.then.declare_war.on);
      if ('invade' in r.then) {
        this.principals.add(r.holder).add(r.then.invade.territory);
        this.invaded.add(r.then.invade.territory);
      }
    }
    // Close to a fixed point: each rule can make an actor a belligerent once its premise may hold.
    for (let changed = true; changed;) {
      const before = this.enemies.size + this.besides;
      for (const r of [...(s.red_lines ?? []), ...this.scripted]) {
        const e = r.then;
        if ('declare_war' in e) this.fight(r.holder, e.declare_war.on);
        if ('invade' in e) this.fight(r.holder, e.invade.territory);
        if ('enter_war' in e) this.join(r.holder, e.enter_war.side_with);
      }
      // A bandwagon moves once enough others may stand beside the one it would join.
      for (const a of s.actors)
        if (a.bandwagon && this.besideCount(a.bandwagon.side_with, a.id) >= least(a.bandwagon.threshold))
          this.join(a.id, a.bandwagon.side_with);
      for (const t of s.treaties ?? [])
        for (const o of t.obligations) {
          if (!fights(o)) continue;
          if (o.conditions.trigger === 'mobilisation' || o.conditions.trigger === 'threat') {
            // Called when someone mobilises or threatens: it may then fight whoever may fight those it protects.
            for (const p of o.protects ?? t.parties) for (const obliged of o.obliged ?? t.parties) if (obliged !== p) this.join(obliged, p);
            continue;
          }
          for (const p of o.protects ?? t.parties) {
            if (!this.triggerMay(o.conditions, p)) continue;
            for (const obliged of o.obliged ?? t.parties) if (obliged !== p) this.join(obliged, p, o.against ?? o.conditions.by);
          }
        }
      changed = this.enemies.size + this.besides > before;
    }
  }

  private order(actor: Id, o: Order): void {
    const as = (then: RedLineEffect) => this.scripted.push({ holder: actor, then });
    switch (o.type) {
      case 'declare_war':
        return void as({ declare_war: { on: o.on } });
      case 'invade':
        this.scriptedDeploy.add(actor);
        return void as({ invade: { territory: o.territory } });
      case 'join_war':
        return void as({ enter_war: { side_with: o.side_with, conflict: o.war } });
      case 'deploy':
        return void this.scriptedDeploy.add(actor);
      case 'transfer':
        return void this.scriptedFlows.push({ from: actor, to: o.to, kind: o.kind, offensive: o.offensive ?? false });
      case 'escalate':
        return void this.scriptedRungs.push({ by: actor, rung: o.rung, ...(o.against ? { against: o.against } : {}) });
      case 'nuclear_signal':
        return void this.scriptedRungs.push({ by: actor, rung: { normal: 0, raised: 5, high: 11, ultimatum: 16 }[o.level] });
      case 'mobilise':
        if (o.level !== 'none') as({ mobilise: { level: o.level } });
        return;
      case 'permit':
        return void as({ permit: { permission: o.permission } });
      default:
        return;
    }
  }

  /** Whether a fighting obligation's trigger may come to hold for `p`: attacked on its soil, or at war. */
  private triggerMay(c: { trigger: string; location?: string }, p: Id): boolean {
    if (c.trigger === 'attack' && c.location !== 'forces') return this.mayBeAttacked(p);
    return this.atWar.has(p);
  }

  /** Whether `p` may be attacked: at war as a principal (declared on) or with a front on its territory. */
  private mayBeAttacked(p: Id): boolean {
    return this.atWar.has(p) && (this.principals.has(p) || this.invaded.has(p));
  }

  private fight(x: Id, y: Id): void {
    if (x === y) return;
    this.enemies.add(`${x}|${y}`).add(`${y}|${x}`);
    this.atWar.add(x).add(y);
  }

  /** `x` may stand beside `ally` in a war. */
  private stand(x: Id, ally: Id): void {
    const set = this.beside.get(ally) ?? new Set<Id>();
    if (!set.has(x)) this.besides++;
    this.beside.set(ally, set.add(x));
  }

  /** How many actors besides `ally` and `but` may stand beside `ally` (what a bandwagon of `but`'s waits for). */
  private besideCount(ally: Id, but: Id): number {
    let n = 0;
    for (const x of this.beside.get(ally) ?? []) if (x !== but) n++;
    return n;
  }

  /** `x` enters the wars of `ally`: against everyone who may fight `ally` (or only `against`, when named). */
  private join(x: Id, ally: Id, against?: readonly Id[]): void {
    this.stand(x, ally);
    for (const key of [...this.enemies]) {
      const [a, b] = key.split('|') as [Id, Id];
      if (a === ally && b !== x && (against === undefined || against.includes(b))) this.fight(x, b);
    }
  }

  private notAtWar(who: readonly Id[], against?: Id): string {
    const names = who.map((x) => this.name(x));
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
    return `no rule of the scenario brings ${list} into a war${against ? ` with ${this.name(against)}` : ''}: no war under way, red line, bandwagon or treaty call makes ${who.length > 1 ? 'any of them' : 'it'} a belligerent, and the bots enter wars only through these`;
  }

  /** Why the treaties that oblige `who` to fight never call it: those they protect are never attacked. */
  private bindings(who: Id): string {
    const out: string[] = [];
    for (const t of this.s.treaties ?? [])
      for (const o of t.obligations)
        if (fights(o) && (o.obliged ?? t.parties).includes(who)) {
          const others = (o.protects ?? t.parties).filter((p) => p !== who).map((p) => this.name(p));
          if (others.length > 0)
            out.push(
              `${t.id}${o.article ? ` ${o.article}` : ''} binds it to fight only when ${others.join(' or ')} ${others.length > 1 ? 'are' : 'is'} attacked, and no rule makes ${others.length > 1 ? 'them' : 'it'} a target`,
            );
        }
    return out.length > 0 ? ` (${[...new Set(out)].join('; ')})` : '';
  }

  private name(id: Id): string {
    return this.names.get(id) ?? id;
  }

  private mayFight(x: Id, against?: Id): boolean {
    return against === undefined ? this.atWar.has(x) || this.bloc(x).some((m) => this.atWar.has(m)) : this.enemies.has(`${x}|${against}`);
  }

  private bloc(x: Id): readonly Id[] {
    return this.s.actors.find((a) => a.id === x)?.members ?? [];
  }

  private deployedAtStart(actor: Id): boolean {
    return this.scriptedDeploy.has(actor) || (this.s.fronts ?? []).some((f) => f.forces.some((x) => x.actor === actor));
  }

  /** Whether `p` could hold on some turn, and if not, why. */
  reach(p: Predicate): Reach {
    const no = (reason: string): Reach => ({ status: 'no_mechanism', reason });
    const open: Reach = { status: 'open' };
    const warNote = (who: Id, against?: Id) => `${this.notAtWar([who], against)}${this.bindings(who)}`;

    if ('all' in p) {
      for (const q of p.all) {
        const r = this.reach(q);
        if (r.status === 'no_mechanism') return r;
      }
      return open;
    }
    if ('any' in p) {
      const rs = p.any.map((q) => this.reach(q));
      // Any of several actors at war: one sentence for them all.
      const who = p.any.flatMap((q) => ('actor_at_war' in q ? [q.actor_at_war.actor] : 'in_combat' in q ? [q.in_combat.actor] : []));
      if (rs.every((r) => r.status === 'no_mechanism') && who.length === p.any.length) return no(this.notAtWar([...new Set(who)]));
      if (rs.every((r) => r.status === 'no_mechanism'))
        return no(rs.map((r) => (r.status === 'no_mechanism' ? r.reason : '')).join('; and '));
      return open;
    }
    if ('not' in p) {
      const r = this.reach(p.not);
      return r.status === 'no_mechanism'
        ? { status: 'certain_by_construction', reason: `what it denies cannot happen: ${r.reason}` }
        : open;
    }
    if ('actor_at_war' in p) {
      const { actor, against } = p.actor_at_war;
      return this.mayFight(actor, against) ? open : no(warNote(actor, against));
    }
    if ('in_combat' in p) {
      const { actor } = p.in_combat;
      if (!this.mayFight(actor) && !this.deployedAtStart(actor)) return no(warNote(actor));
      return open;
    }
    if ('troops_deployed' in p) {
      const { actor } = p.troops_deployed;
      if (this.deployedAtStart(actor)) return open;
      const kind = this.s.actors.find((a) => a.id === actor)?.kind;
      if (kind === 'state' && this.atWar.has(actor)) return open;
      return no(
        `${this.name(actor)} has no troops deployed and ${
          kind === 'bloc'
            ? 'is a bloc (its members deploy)'
            : warNote(actor)
                .replace(/^no rule/, 'no rule')
                .replace(/^/, 'deploys only in its own wars; ')
        }`,
      );
    }
    if ('arms_transfer' in p) {
      const { from, to, kind, offensive } = p.arms_transfer;
      const kinds = kind === undefined ? ['munitions', 'weapons'] : [kind];
      const flows = (this.s.transfers ?? []).some(
        (t) =>
          t.from === from && t.to === to && kinds.includes(t.kind) && (offensive === undefined || (t.offensive ?? false) === offensive),
      );
      const scripted = this.scriptedFlows.some(
        (t) => t.from === from && t.to === to && kinds.includes(t.kind) && (offensive === undefined || t.offensive === offensive),
      );
      const armed = (this.s.red_lines ?? []).some(
        (r) =>
          r.holder === from &&
          'arm' in r.then &&
          r.then.arm.to === to &&
          kinds.includes('weapons') &&
          (offensive === undefined || (r.then.arm.offensive ?? false) === offensive),
      );
      return flows || armed || scripted
        ? open
        : no(
            `no transfer or red line of the scenario's arms ${this.name(to)} from ${this.name(from)}, and the bots start arms flows only through red lines`,
          );
    }
    if ('rung_reached' in p || 'nuclear_use' in p) {
      const rung = 'rung_reached' in p ? p.rung_reached.rung : NUCLEAR_USE_RUNG;
      const between = 'rung_reached' in p ? p.rung_reached.between : undefined;
      const by = 'nuclear_use' in p ? p.nuclear_use.by : undefined;
      const involves = (x: Id, y: Id) =>
        between !== undefined
          ? (x === between[0] && y === between[1]) || (x === between[1] && y === between[0])
          : by === undefined || x === by || y === by;
      for (const c of this.s.conflicts ?? [])
        for (const x of c.sides[0]) for (const y of c.sides[1]) if (involves(x, y) && startRung(c.rung) >= rung) return open;
      // A war sets rung 12 and may widen to 13: a new front, strikes allowed on the enemy's soil (engine/escalation.ts).
      if (rung <= RUNG.compound)
        for (const key of this.enemies) {
          const [x, y] = key.split('|') as [Id, Id];
          if (involves(x, y)) return open;
        }
      const climbs = [
        ...(this.s.red_lines ?? []).flatMap((r) =>
          'escalate' in r.then ? [{ by: r.holder, rung: r.then.escalate.rung, against: r.then.escalate.against }] : [],
        ),
        ...this.scriptedRungs,
      ];
      for (const c of climbs)
        if (c.rung >= rung) {
          const targets = c.against ?? [...this.enemies].filter((k) => k.startsWith(`${c.by}|`)).map((k) => k.split('|')[1]!);
          if (targets.some((y) => involves(c.by, y))) return open;
        }
      return no(
        `no rule of the scenario reaches Kahn rung ${rung}${between ? ` between ${this.name(between[0])} and ${this.name(between[1])}` : by ? ` for ${this.name(by)}` : ''}: wars set rung ${WAR_RUNG}, only a red line's escalation climbs higher, and the bots signal no nuclear alerts`,
      );
    }
    if ('treaty_invoked' in p) {
      const { treaty, by } = p.treaty_invoked;
      const t = (this.s.treaties ?? []).find((x) => x.id === treaty);
      if (!t) return no(`there is no treaty "${treaty}"`);
      const protectedBy = (id: Id) => t.obligations.some((o) => (o.protects ?? t.parties).includes(id));
      const candidates = by === undefined ? t.parties.filter(protectedBy) : protectedBy(by) ? [by] : [];
      const triggered = (id: Id) =>
        t.obligations.some(
          (o) =>
            (o.protects ?? t.parties).includes(id) &&
            (o.conditions.trigger === 'mobilisation' || o.conditions.trigger === 'threat' || this.triggerMay(o.conditions, id)),
        );
      if (candidates.some(triggered)) return open;
      const who = by === undefined ? t.parties.map((x) => this.name(x)).join(' or ') : this.name(by);
      return no(
        `${t.id} is invoked only for a party attacked in a war, and no rule of the scenario makes ${who} the target of a declaration of war or an invasion: no war under way, red line, bandwagon or treaty call does, and the bots declare war only through these`,
      );
    }
    if ('mobilised' in p) {
      const { actor, level = 'partial' } = p.mobilised;
      const a = this.s.actors.find((x) => x.id === actor);
      const start = a?.capabilities?.mobilisation?.level;
      const at = MOBILISATION_LEVELS.indexOf((typeof start === 'object' ? start.value : start) ?? 'none');
      if (at >= MOBILISATION_LEVELS.indexOf(level)) return open;
      if (a?.kind === 'state' && this.atWar.has(actor)) return open; // the bots mobilise a level when at war and the pool is spent
      const obliged = (this.s.treaties ?? []).some((t) =>
        t.obligations.some((o) => o.duty === 'mobilise' && (o.obliged ?? t.parties).includes(actor)),
      );
      if (obliged) return open; // a treaty may call it to mobilise
      const lines = [...(this.s.red_lines ?? []), ...this.scripted].some(
        (r) =>
          r.holder === actor &&
          'mobilise' in r.then &&
          MOBILISATION_LEVELS.indexOf(r.then.mobilise.level) >= MOBILISATION_LEVELS.indexOf(level),
      );
      return lines
        ? open
        : no(
            `${this.name(actor)} mobilises only at war or by a red line, and ${warNote(actor).replace(/^no rule of the scenario brings [^:]+: /, '')}; no red line of its orders it`,
          );
    }
    if ('permission_granted' in p) {
      const id = p.permission_granted.permission;
      const x = (this.s.permissions ?? []).find((q) => q.id === id);
      if (!x) return no(`there is no permission "${id}"`);
      const lines = [...(this.s.red_lines ?? []), ...this.scripted].some((r) => 'permit' in r.then && r.then.permit.permission === id);
      return lines || x.allowed !== false
        ? open
        : no(
            `${id} is forbidden at the start and only a red line could grant it; none does, and the bots change permissions only through red lines`,
          );
    }
    if ('casualties_exceed' in p) {
      const { actor } = p.casualties_exceed;
      return this.mayFight(actor) || this.deployedAtStart(actor) ? open : no(`casualties come only from combat, and ${warNote(actor)}`);
    }
    // A date within the scenario (the checks refuse one beyond it) comes in every run.
    if ('date_reached' in p)
      return {
        status: 'certain_by_construction',
        reason: `${p.date_reached.date} falls within the scenario: the clock reaches it in every run`,
      };
    // Ceasefires, control of fronts and support move with every war: always open to the runs.
    return open;
  }
}

function fights(o: { type: string; duty?: string }): boolean {
  return o.duty === 'fight' || (o.duty === undefined && (o.type === 'defense' || o.type === 'offense'));
}

/** A number's least possible value (a range counts by its bottom; a distribution without one, as 0). */
function least(r: unknown): number {
  if (typeof r === 'number') return r;
  if (r && typeof r === 'object') {
    const o = r as Record<string, unknown>;
    if (typeof o.min === 'number') return o.min;
    if (typeof o.value === 'number') return o.value;
  }
  return 0;
}

/** A conflict's rung at the start, at its highest (a range counts by its top). */
function startRung(r: unknown): number {
  if (typeof r === 'number') return r;
  if (r && typeof r === 'object') {
    const o = r as Record<string, unknown>;
    for (const k of ['value', 'max', 'mode', 'median']) if (typeof o[k] === 'number') return o[k] as number;
  }
  return WAR_RUNG;
}
