/**
 * Triggers: one actor's order written as an event, for cascades and named options (`yourmove cascade --trigger`,
 * `yourmove advise --option`, a scenario's `triggers`): "aut declares war on srb", "gmy invades bel", "kor deploys
 * troops to ukr" (fighting for it, a twentieth of its active forces), "rus mobilises", "usa permits usa-deep-strike".
 */
import type { Order } from '../engine/orders.ts';
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

/** Read a trigger such as "aut declares war on srb" (actor ids), or say why it cannot be read. */
export function parseTrigger(s: Scenario, text: string): Trigger | { error: string } {
  const t = normalise(text);
  const actor = (id: string) => s.actors.some((a) => a.id === id);
  const bad = (why: string) => ({ error: `"${text}": ${why}` });
  let m: RegExpExecArray | null;
  if ((m = /^(\S+) (?:declares war on|invades) (\S+)$/i.exec(t))) {
    const [, by, on] = m as unknown as [string, string, string];
    if (!actor(by) || !actor(on)) return bad(`no actor "${actor(by) ? on : by}" in ${s.id}`);
    return { text: t, actor: by, order: { type: 'declare_war', on } };
  }
  if ((m = /^(\S+) deploys troops to (\S+)$/i.exec(t))) {
    const [, by, to] = m as unknown as [string, string, string];
    if (!actor(by) || !actor(to)) return bad(`no actor "${actor(by) ? to : by}" in ${s.id}`);
    const front = (s.fronts ?? []).find((f) => f.territory === to);
    if (!front) return bad(`no front on ${to}'s territory in ${s.id}`);
    const active = s.actors.find((a) => a.id === by)!.capabilities?.active;
    const troops = Math.max(
      1,
      Math.round((typeof active === 'number' ? active : active && 'value' in active ? active.value : 40_000) / 20),
    );
    return { text: t, actor: by, order: { type: 'deploy', front: front.id, troops, for: to } };
  }
  if ((m = /^(\S+) mobilises$/i.exec(t))) {
    const [, by] = m as unknown as [string, string];
    if (!actor(by)) return bad(`no actor "${by}" in ${s.id}`);
    return { text: t, actor: by, order: { type: 'mobilise', level: 'general' } };
  }
  if ((m = /^(\S+) permits (\S+)$/i.exec(t))) {
    const [, by, permission] = m as unknown as [string, string, string];
    if (!actor(by)) return bad(`no actor "${by}" in ${s.id}`);
    if (!(s.permissions ?? []).some((p) => p.id === permission)) return bad(`no permission "${permission}" in ${s.id}`);
    return { text: t, actor: by, order: { type: 'permit', permission } };
  }
  return bad(`expected one of: ${TRIGGER_FORMS.join('; ')}`);
}
