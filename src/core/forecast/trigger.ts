/**
 * Triggers: one actor's order written as an event, for cascades and named options (`yourmove cascade --trigger`,
 * `yourmove advise --option`, a scenario's `triggers`): "aut declares war on srb", "gmy invades bel" (a declaration of
 * war, and a twentieth of its active forces marching onto its territory), "kor deploys troops to ukr" (fighting for
 * it, a twentieth of its active forces), "rus mobilises", "usa permits usa-deep-strike".
 * A trigger must be an order the engine would accept at the scenario's start: none that it would refuse (war on
 * oneself or on an enemy already, a bloc's troops, another's permission), so that a cascade never reports as its
 * start an event that could not happen.
 */
import type { Order } from '../engine/orders.ts';
import { clashText, sideClash, sideOf, sidesOnDeclaring, type WarState } from '../engine/state.ts';
import type { Id, Scenario } from '../model.ts';

export interface Trigger {
  text: string;
  actor: Id;
  order: Order;
}

export const TRIGGER_FORMS = [
  '<actor> declares war on <actor>',
  '<actor> invades <actor>',
  '<actor> deploys troops to <actor>',
  '<actor> mobilises',
  '<actor> permits <permission>',
];

/** A trigger's text with its spaces normalised, as `parseTrigger` reads it. */
function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Whether two trigger texts name the same event (spaces and letter case aside). */
export function sameTrigger(a: string, b: string): boolean {
  return normalise(a).toLowerCase() === normalise(b).toLowerCase();
}

/** A twentieth of the actor's active forces (their stated value; 40,000 without one): the troops a trigger moves. */
function aTwentieth(s: Scenario, id: Id): number {
  const active = s.actors.find((a) => a.id === id)!.capabilities?.active;
  return Math.max(1, Math.round((typeof active === 'number' ? active : active && 'value' in active ? active.value : 40_000) / 20));
}

/** Read a trigger such as "aut declares war on srb" (actor ids), or say why it cannot be read. */
export function parseTrigger(s: Scenario, text: string): Trigger | { error: string } {
  const t = normalise(text);
  const actor = (id: string) => s.actors.some((a) => a.id === id);
  const bad = (why: string) => ({ error: `"${text}": ${why}` });
  const wars = startWars(s);
  let m: RegExpExecArray | null;
  if ((m = /^(\S+) (declares war on|invades) (\S+)$/i.exec(t))) {
    const [, by, verb, on] = m as unknown as [string, string, string, string];
    if (!actor(by) || !actor(on)) return bad(`no actor "${actor(by) ? on : by}" in ${s.id}`);
    if (by === on) return bad(`an actor cannot ${verb.toLowerCase() === 'invades' ? 'invade' : 'declare war on'} itself`);
    const war = wars.find((w) => sideOf(w, by) !== -1 && sideOf(w, on) !== -1 && sideOf(w, by) !== sideOf(w, on));
    if (war) return bad(`"${by}" is at war with "${on}" from the start of ${s.id} (war "${war.id}")`);
    const clash = sideClash(wars, by, sidesOnDeclaring(wars, by, on));
    if (clash) return bad(`${clashText(by, clash)}: no one fights on both sides`);
    if (verb.toLowerCase() === 'declares war on') return { text: t, actor: by, order: { type: 'declare_war', on } };
    const kind = (id: Id) => s.actors.find((a) => a.id === id)!.kind;
    if (kind(by) === 'bloc') return bad(`"${by}" is a bloc: its member states invade`);
    if (kind(on) === 'bloc') return bad(`"${on}" is a bloc: invade one of its members`);
    return { text: t, actor: by, order: { type: 'invade', territory: on, troops: aTwentieth(s, by) } };
  }
  if ((m = /^(\S+) deploys troops to (\S+)$/i.exec(t))) {
    const [, by, to] = m as unknown as [string, string, string];
    if (!actor(by) || !actor(to)) return bad(`no actor "${actor(by) ? to : by}" in ${s.id}`);
    const front = (s.fronts ?? []).find((f) => f.territory === to);
    if (!front) return bad(`no front on ${to}'s territory in ${s.id}`);
    const me = s.actors.find((a) => a.id === by)!;
    if (me.kind === 'bloc') return bad(`"${by}" is a bloc: its member states deploy forces`);
    const war = wars.find((w) => w.id === front.conflict);
    if (!war || sideOf(war, to) === -1) return bad(`"${to}" is not a party to the war on ${front.id}`);
    if (sideOf(war, by) !== -1 && sideOf(war, by) !== sideOf(war, to))
      return bad(`"${by}" fights against "${to}" in war "${war.id}": it cannot fight for it`);
    return { text: t, actor: by, order: { type: 'deploy', front: front.id, troops: aTwentieth(s, by), for: to } };
  }
  if ((m = /^(\S+) mobilises$/i.exec(t))) {
    const [, by] = m as unknown as [string, string];
    if (!actor(by)) return bad(`no actor "${by}" in ${s.id}`);
    const level = plain(s.actors.find((a) => a.id === by)!.capabilities?.mobilisation?.level);
    if (level === 'general') return bad(`"${by}" is at general mobilisation from the start: it cannot mobilise further`);
    return { text: t, actor: by, order: { type: 'mobilise', level: 'general' } };
  }
  if ((m = /^(\S+) permits (\S+)$/i.exec(t))) {
    const [, by, permission] = m as unknown as [string, string, string];
    if (!actor(by)) return bad(`no actor "${by}" in ${s.id}`);
    const p = (s.permissions ?? []).find((x) => x.id === permission);
    if (!p) return bad(`no permission "${permission}" in ${s.id}`);
    if (p.by !== by) return bad(`permission "${permission}" is "${p.by}"'s to give, not "${by}"'s`);
    if (plain(p.allowed)) return bad(`"${permission}" is allowed from the start of ${s.id}`);
    return { text: t, actor: by, order: { type: 'permit', permission } };
  }
  return bad(`expected one of: ${TRIGGER_FORMS.join('; ')}`);
}

/** A sourced value's value (`{ value, source }`), or the value itself. */
function plain<T>(v: T | { value: T } | undefined): T | undefined {
  return v !== null && typeof v === 'object' && 'value' in v ? v.value : (v as T | undefined);
}

/** The wars at the scenario's start as the engine begins them (engine/init.ts): every conflict, under way. */
function startWars(s: Scenario): WarState[] {
  return (s.conflicts ?? []).map((c) => ({
    id: c.id,
    sides: c.sides,
    aggressor: c.aggressor ?? null,
    declarations: [],
    active: true,
    offers: [],
  }));
}
