/**
 * Semantic checks: what a schema cannot express. Runs on a scenario that already has the right shape and
 * returns every problem found, each at the path of the node to fix.
 *
 * - ids unique within their kind (questions and metrics share one namespace: both are forecast outputs);
 * - every reference (actor, region, conflict, front, treaty, permission, source key) names something that exists;
 * - blocs have existing state members; states have none;
 * - conflicts: no actor on both sides; the aggressor fights on a side;
 * - fronts: forces fight for a side of the front's conflict; no actor deploys more than its active pool;
 * - dates: history (treaties signed, wars started) on or before the start; anything scheduled within the horizon;
 * - technology transfers: what they do to a recipient's quality together stays within TECH_GROWTH_LIMIT.
 */
import { RESERVED_IDS } from '../engine/observe.ts';
import { moneyScale, TECH_QUALITY_GAIN } from '../engine/economy.ts';
import { parseTrigger } from '../forecast/trigger.ts';
import { central, isDist, support } from '../dist.ts';
import type { Actor, Id, Issue, MetricExpr, Num, Predicate, RedLineEffect, Scenario } from '../model.ts';
import { addDays, compareDates, toDay } from './dates.ts';

type Path = (string | number)[];

/**
 * How many standard deviations an untruncated normal or a log-normal reaches: the sampler's standard normal deviates
 * (src/core/sample.ts, Marsaglia's polar method on 53-bit uniforms) never exceed sqrt(2 · 104 · ln 2) ≈ 12.01.
 */
export const SAMPLER_REACH = 13;

/** The largest value a number can take in a run: itself, or the top of its distribution (SAMPLER_REACH for the tails). */
export function upperReach(n: Num): number {
  if (!isDist(n)) return central(n);
  if (n.dist === 'normal' && n.max === undefined) return n.mean + SAMPLER_REACH * n.sd;
  if (n.dist === 'lognormal') return n.median * Math.exp(SAMPLER_REACH * n.sigma);
  return support(n).max!;
}

/**
 * The most the scenario's technology transfers may multiply one recipient's quality: each programme absorbed adds
 * TECH_QUALITY_GAIN, compounding, and thousands of transfers would carry it past any finite number.
 */
export const TECH_GROWTH_LIMIT = 1000;

/** The last date `YYYY-MM-DD` can write. */
const LAST_DATE = '9999-12-31';

/** A source written like an id (`iiss-2025`) is a key of `sources`; anything else is a citation in full. */
const SOURCE_KEY = /^[a-z][a-z0-9_-]{0,39}$/;

export function checkScenario(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: Path, message: string, atKey = false) => issues.push(atKey ? { path, message, atKey } : { path, message });

  const actors = new Map<Id, Actor>();
  const index = <T extends { id: Id }>(kind: string, items: readonly T[] | undefined, into = new Map<Id, T>(), label = kind) => {
    (items ?? []).forEach((item, i) => {
      if (into.has(item.id))
        bad([kind, i, 'id'], `duplicate id "${item.id}" (already used in ${label}[${[...into.keys()].indexOf(item.id)}])`);
      else into.set(item.id, item);
    });
    return into;
  };
  index('actors', s.actors, actors);
  s.actors.forEach((a, i) => {
    if (RESERVED_IDS.includes(a.id))
      bad(['actors', i, 'id'], `"${a.id}" is reserved for a role in a hosted game (${RESERVED_IDS.join(', ')}); give the actor another id`);
  });
  const regions = index('regions', s.regions);
  const conflicts = index('conflicts', s.conflicts);
  const fronts = index('fronts', s.fronts);
  const treaties = index('treaties', s.treaties);
  const transfers = index('transfers', s.transfers);
  index('sanctions', s.sanctions);
  const permissions = index('permissions', s.permissions);
  index('red_lines', s.red_lines);
  const outputs = index('questions', s.questions);
  index('metrics', s.metrics as { id: Id }[] | undefined, new Map(outputs), 'questions');

  // Dates are YYYY-MM-DD: a horizon past the year 9999 (10,000 turns of 366 days from 2024 would end in 12045) has no
  // end date the language can write, nor turns the engine can date.
  const lastDay = toDay(s.start) + s.horizon * s.turn_days;
  if (lastDay > toDay(LAST_DATE))
    bad(
      ['horizon'],
      `${s.horizon} turns of ${s.turn_days} days from ${s.start} end after ${LAST_DATE}, the last date a scenario can write`,
    );
  const end = lastDay > toDay(LAST_DATE) ? LAST_DATE : addDays(s.start, s.horizon * s.turn_days);
  const ref = (path: Path, kind: string, known: Map<Id, unknown>, idValue: Id | undefined) => {
    if (idValue !== undefined && !known.has(idValue)) bad(path, `unknown ${kind} "${idValue}"`);
  };
  const actorRef = (path: Path, a: Id | undefined) => ref(path, 'actor', actors, a);
  const actorRefs = (path: Path, list: readonly Id[] | undefined) => list?.forEach((a, i) => actorRef([...path, i], a));
  const notAfterStart = (path: Path, d: string, what: string) => {
    if (compareDates(d, s.start) > 0)
      bad(path, `${what} ${d} is after the scenario start ${s.start}; a scenario holds only what is known on its start date`);
  };
  const withinHorizon = (path: Path, d: string) => {
    if (compareDates(d, s.start) < 0 || compareDates(d, end) > 0)
      bad(path, `date ${d} is outside the scenario horizon ${s.start} .. ${end}`);
  };

  actorRef(['player'], s.player);

  s.actors.forEach((a, i) => {
    const at: Path = ['actors', i];
    a.regions?.forEach((r, j) => ref([...at, 'regions', j], 'region', regions, r));
    for (const [key, verb] of [
      ['backs', 'back'],
      ['rivals', 'be a rival of'],
    ] as const) {
      const list = a[key];
      list?.forEach((b, j) => {
        actorRef([...at, key, j], b);
        if (b === a.id) bad([...at, key, j], `an actor cannot ${verb} itself`);
        else if (list.indexOf(b) < j) bad([...at, key, j], `actor "${b}" is listed twice`);
      });
    }
    if (a.kind === 'bloc') {
      if (!a.members || a.members.length === 0) bad([...at, 'kind'], `a bloc needs members`);
      a.members?.forEach((m, j) => {
        const member = actors.get(m);
        if (!member) bad([...at, 'members', j], `bloc member "${m}" is not an actor of this scenario`);
        else if (m === a.id) bad([...at, 'members', j], `a bloc cannot be its own member`);
        else if (member.kind !== 'state') bad([...at, 'members', j], `bloc member "${m}" is a bloc; members must be states`);
      });
    } else {
      for (const field of ['members', 'cohesion', 'decision'] as const)
        if (a[field] !== undefined) bad([...at, field], `only a bloc has ${field}; "${a.id}" is a state`, true);
    }
  });

  const greatPowers = s.actors.filter((a) => a.great_power).map((a) => a.id);
  const sidesOf = new Map<Id, Set<Id>>();
  s.conflicts?.forEach((c, i) => {
    const at: Path = ['conflicts', i];
    const both = new Set<Id>();
    c.sides.forEach((side, k) =>
      side.forEach((a, j) => {
        actorRef([...at, 'sides', k, j], a);
        if (side.indexOf(a) < j) bad([...at, 'sides', k, j], `actor "${a}" is listed twice on this side`);
        else if (both.has(a)) bad([...at, 'sides', k, j], `actor "${a}" is on both sides`);
        both.add(a);
      }),
    );
    sidesOf.set(c.id, both);
    if (c.aggressor !== undefined) {
      if (!actors.has(c.aggressor)) actorRef([...at, 'aggressor'], c.aggressor);
      else if (!both.has(c.aggressor)) bad([...at, 'aggressor'], `aggressor "${c.aggressor}" is on neither side`);
    }
    notAfterStart([...at, 'start'], c.start, 'war start');
  });

  const deployed = new Map<Id, { troops: number; path: Path }>();
  s.fronts?.forEach((f, i) => {
    const at: Path = ['fronts', i];
    ref([...at, 'conflict'], 'conflict', conflicts, f.conflict);
    actorRef([...at, 'territory'], f.territory);
    const fighters = sidesOf.get(f.conflict);
    if (fighters && actors.has(f.territory) && !fighters.has(f.territory))
      bad([...at, 'territory'], `the front is on the territory of "${f.territory}", which is on neither side of conflict "${f.conflict}"`);
    f.forces.forEach((d, j) => {
      const dat: Path = [...at, 'forces', j];
      actorRef([...dat, 'actor'], d.actor);
      actorRef([...dat, 'for'], d.for);
      if (d.for === d.actor)
        bad([...dat, 'for'], `"for" names the deploying actor itself; omit it, or name the actor these forces fight for`);
      d.known_to?.forEach((k, n) => actorRef([...dat, 'known_to', n], k));
      if (d.known_to && !d.covert) bad([...dat, 'known_to'], `only covert forces have known_to: overt forces are seen by everyone`, true);
      const side = d.for ?? d.actor;
      if (fighters && actors.has(side) && !fighters.has(side))
        bad([...dat, d.for !== undefined ? 'for' : 'actor'], `"${side}" is not on a side of conflict "${f.conflict}"`);
      if (d.arrives !== undefined) withinHorizon([...dat, 'arrives'], d.arrives);
      const prev = deployed.get(d.actor);
      deployed.set(d.actor, { troops: (prev?.troops ?? 0) + central(d.troops), path: prev?.path ?? [...dat, 'troops'] });
    });
  });
  for (const [a, { troops, path }] of deployed) {
    const actor = actors.get(a);
    if (!actor) continue;
    const active = actor.capabilities?.active;
    if (active === undefined) bad(path, `"${a}" deploys ${troops} troops but has no capabilities.active to deploy from`);
    else if (troops > central(active))
      bad(path, `"${a}" deploys ${Math.round(troops)} troops on all fronts, more than its active pool of ${Math.round(central(active))}`);
  }

  s.treaties?.forEach((t, i) => {
    const at: Path = ['treaties', i];
    actorRefs([...at, 'parties'], t.parties);
    const parties = new Set(t.parties);
    notAfterStart([...at, 'signed'], t.signed, 'signature');
    t.renewed?.forEach((d, k) => {
      notAfterStart([...at, 'renewed', k], d, 'renewal');
      if (compareDates(d, t.signed) < 0) bad([...at, 'renewed', k], `renewal ${d} is before the signature ${t.signed}`);
    });
    if (t.in_force_from !== undefined) {
      if (t.status === 'in_force') bad([...at, 'in_force_from'], `a treaty already in force has no in_force_from date`, true);
      else withinHorizon([...at, 'in_force_from'], t.in_force_from);
    }
    t.obligations.forEach((o, j) => {
      const oat: Path = [...at, 'obligations', j];
      for (const field of ['obliged', 'protects'] as const)
        o[field]?.forEach((a, k) => {
          if (!parties.has(a)) bad([...oat, field, k], `"${a}" is not a party to treaty "${t.id}"`);
        });
      actorRefs([...oat, 'against'], o.against);
      actorRefs([...oat, 'conditions', 'by'], o.conditions.by);
      actorRefs([...oat, 'conditions', 'except_by'], o.conditions.except_by);
      const atLeast = o.conditions.by_at_least;
      const outsiders = greatPowers.filter((g) => !parties.has(g)).length;
      if (atLeast !== undefined && atLeast > outsiders)
        bad(
          [...oat, 'conditions', 'by_at_least'],
          `needs ${atLeast} attacking great powers, but only ${outsiders} actor${outsiders === 1 ? ' is' : 's are'} marked great_power: true outside the treaty`,
        );
      actorRefs([...oat, 'conditions', 'supported_by'], o.conditions.supported_by);
      o.conditions.regions?.forEach((r, k) => ref([...oat, 'conditions', 'regions', k], 'region', regions, r));
    });
  });

  s.transfers?.forEach((t, i) => {
    actorRef(['transfers', i, 'from'], t.from);
    actorRef(['transfers', i, 'to'], t.to);
    if (t.from === t.to) bad(['transfers', i, 'to'], `a transfer needs two different actors`);
    actorRefs(['transfers', i, 'known_to'], t.known_to);
    if (t.kind === 'money' && moneyScale(t.unit) === null)
      bad(
        ['transfers', i, 'unit'],
        `money is counted in "USD million ..." or "USD bn ..." (the engine weighs it against GDP), not "${t.unit}"`,
      );
    if (t.known_to && !t.covert) bad(['transfers', i, 'known_to'], `known_to is for covert transfers: an overt transfer is known to all`);
  });
  const growth = new Map<Id, number>();
  s.transfers?.forEach((t, i) => {
    if (t.kind !== 'technology') return;
    const before = growth.get(t.to) ?? 1;
    const after = before * (1 + TECH_QUALITY_GAIN * upperReach(t.amount));
    growth.set(t.to, after);
    if (after > TECH_GROWTH_LIMIT && before <= TECH_GROWTH_LIMIT)
      bad(
        ['transfers', i, 'amount'],
        `the technology transfers to "${t.to}" would multiply its quality by up to ${after < 1e9 ? Math.round(after) : after.toExponential(2)} (each programme adds ${TECH_QUALITY_GAIN * 100} %); together they may multiply it at most ${TECH_GROWTH_LIMIT}-fold`,
      );
  });
  s.actors.forEach((a, i) => {
    if (!a.bandwagon) return;
    actorRef(['actors', i, 'bandwagon', 'side_with'], a.bandwagon.side_with);
    if (a.bandwagon.side_with === a.id) bad(['actors', i, 'bandwagon', 'side_with'], `an actor cannot bandwagon with itself`);
  });
  s.sanctions?.forEach((x, i) => {
    actorRefs(['sanctions', i, 'by'], x.by);
    actorRef(['sanctions', i, 'on'], x.on);
    const self = x.by.indexOf(x.on);
    if (self >= 0) bad(['sanctions', i, 'by', self], `"${x.on}" cannot sanction itself`);
  });
  s.permissions?.forEach((p, i) => {
    actorRef(['permissions', i, 'by'], p.by);
    actorRef(['permissions', i, 'to'], p.to);
    actorRef(['permissions', i, 'territory'], p.territory);
  });

  s.stationed?.forEach((x, i) => {
    actorRef(['stationed', i, 'actor'], x.actor);
    actorRef(['stationed', i, 'on'], x.on);
    const kindOf = (id: Id) => s.actors.find((a) => a.id === id)?.kind;
    if (x.actor === x.on) bad(['stationed', i, 'on'], `"${x.actor}" cannot be stationed on its own territory`);
    else if (kindOf(x.actor) === 'bloc') bad(['stationed', i, 'actor'], `"${x.actor}" is a bloc: its member states station forces`);
    else if (kindOf(x.on) === 'bloc') bad(['stationed', i, 'on'], `"${x.on}" is a bloc: it has no territory to station forces on`);
  });

  const known = { actors, fronts, treaties, conflicts, permissions, transfers };
  s.transfers?.forEach((t, i) => {
    if (t.while) checkPredicate(t.while, ['transfers', i, 'while'], known, bad);
  });
  s.red_lines?.forEach((r, i) => {
    actorRef(['red_lines', i, 'holder'], r.holder);
    checkPredicate(r.when, ['red_lines', i, 'when'], known, bad);
    checkEffect(r.then, ['red_lines', i, 'then'], known, bad);
    datesIn(r.when, ['red_lines', i, 'when'], withinHorizon);
    if ('stop_transfer' in r.then) {
      const t = transfers.get(r.then.stop_transfer.transfer);
      if (t && t.from !== r.holder)
        bad(['red_lines', i, 'then', 'stop_transfer', 'transfer'], `"${t.id}" is ${t.from}'s transfer: "${r.holder}" cannot stop it`);
    }
    if ('enter_war' in r.then) {
      const { side_with, conflict } = r.then.enter_war;
      const fighters = sidesOf.get(conflict);
      if (fighters && actors.has(side_with) && !fighters.has(side_with))
        bad(['red_lines', i, 'then', 'enter_war', 'side_with'], `"${side_with}" is on neither side of conflict "${conflict}"`);
    }
  });
  s.triggers?.forEach((t, i) => {
    const parsed = parseTrigger(s, t.event);
    if ('error' in parsed) bad(['triggers', i, 'event'], parsed.error);
    withinHorizon(['triggers', i, 'date'], t.date);
  });
  s.questions?.forEach((q, i) => {
    checkPredicate(q.when, ['questions', i, 'when'], known, bad);
    datesIn(q.when, ['questions', i, 'when'], withinHorizon);
    if (q.by !== undefined) withinHorizon(['questions', i, 'by'], q.by);
  });
  s.metrics?.forEach((m, i) => checkMetric(m.of, ['metrics', i, 'of'], known, bad));

  checkSourceKeys(s, s.sources ?? {}, [], bad);
  return issues;
}

interface Known {
  actors: Map<Id, unknown>;
  transfers: Map<Id, unknown>;
  fronts: Map<Id, unknown>;
  treaties: Map<Id, unknown>;
  conflicts: Map<Id, unknown>;
  permissions: Map<Id, unknown>;
}
type Bad = (path: Path, message: string) => void;

/** Which collection each argument name of a predicate, metric or effect refers to. */
const ARG_KIND: Record<string, keyof Known> = {
  actor: 'actors',
  against: 'actors',
  from: 'actors',
  to: 'actors',
  by: 'actors',
  territory: 'actors',
  side_with: 'actors',
  on: 'actors',
  front: 'fronts',
  treaty: 'treaties',
  conflict: 'conflicts',
  permission: 'permissions',
  transfer: 'transfers',
};
const KIND_NAME: Record<keyof Known, string> = {
  actors: 'actor',
  fronts: 'front',
  treaties: 'treaty',
  conflicts: 'conflict',
  permissions: 'permission',
  transfers: 'transfer',
};

function checkArgs(args: Record<string, unknown>, path: Path, known: Known, bad: Bad) {
  for (const [name, value] of Object.entries(args)) {
    const kind = ARG_KIND[name];
    if (kind && typeof value === 'string' && !known[kind].has(value)) bad([...path, name], `unknown ${KIND_NAME[kind]} "${value}"`);
    if (kind && name !== 'between' && Array.isArray(value))
      value.forEach((v, k) => {
        if (typeof v === 'string' && !known[kind].has(v)) bad([...path, name, k], `unknown ${KIND_NAME[kind]} "${v}"`);
      });
    if (name === 'between' && Array.isArray(value)) {
      value.forEach((a, k) => {
        if (!known.actors.has(a as Id)) bad([...path, name, k], `unknown actor "${String(a)}"`);
      });
      if (value[0] === value[1]) bad([...path, name], `a dyad needs two different actors`);
    }
  }
}

/** The dates of a predicate's `date_reached`, each checked with `check` at its path. */
function datesIn(p: Predicate, path: Path, check: (path: Path, date: string) => void): void {
  if ('all' in p) p.all.forEach((q, i) => datesIn(q, [...path, 'all', i], check));
  else if ('any' in p) p.any.forEach((q, i) => datesIn(q, [...path, 'any', i], check));
  else if ('not' in p) datesIn(p.not, [...path, 'not'], check);
  else if ('date_reached' in p) check([...path, 'date_reached', 'date'], p.date_reached.date);
}

function checkPredicate(p: Predicate, path: Path, known: Known, bad: Bad): void {
  const [key, args] = Object.entries(p)[0] as [string, unknown];
  const at = [...path, key];
  if (key === 'all' || key === 'any') (args as Predicate[]).forEach((q, i) => checkPredicate(q, [...at, i], known, bad));
  else if (key === 'not') checkPredicate(args as Predicate, at, known, bad);
  else checkArgs(args as Record<string, unknown>, at, known, bad);
}

function checkMetric(m: MetricExpr, path: Path, known: Known, bad: Bad): void {
  if ('first_turn' in m) return checkPredicate(m.first_turn.when, [...path, 'first_turn', 'when'], known, bad);
  const [key, args] = Object.entries(m)[0] as [string, Record<string, unknown>];
  checkArgs(args, [...path, key], known, bad);
}

function checkEffect(e: RedLineEffect, path: Path, known: Known, bad: Bad): void {
  const [key, args] = Object.entries(e)[0] as [string, Record<string, unknown>];
  checkArgs(args, [...path, key], known, bad);
}

function checkSourceKeys(node: unknown, sources: Record<string, string>, path: Path, bad: Bad): void {
  if (Array.isArray(node)) node.forEach((n, i) => checkSourceKeys(n, sources, [...path, i], bad));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'sources') continue;
      if (k === 'source' && typeof v === 'string' && SOURCE_KEY.test(v) && !Object.hasOwn(sources, v))
        bad([...path, k], `unknown source key "${v}": add it to the scenario's sources, or write the citation in full`);
      else checkSourceKeys(v, sources, [...path, k], bad);
    }
  }
}
