/**
 * Turn reports for people: what happened in a turn, as one viewer saw it.
 */
import type { Event, Violation } from '../core/engine/orders.ts';
import type { Scenario } from '../core/model.ts';

const n = new Intl.NumberFormat('en-GB');
const pct = (x: number) => `${Math.round(x * 100)} %`;
const ANSWERS = {
  honour: 'honours',
  partial: 'partly honours',
  renege: 'reneges on',
  lapsed: 'lets lapse',
  pending: 'has yet to answer',
} as const;

export function turnReport(
  s: Scenario,
  viewer: string,
  turn: number,
  date: string,
  events: readonly Event[],
  violations: readonly Violation[],
): string {
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const front = (id: string) => s.fronts?.find((f) => f.id === id)?.name ?? id;
  const treaty = (id: string) => s.treaties?.find((t) => t.id === id)?.name ?? id;
  // A viewer's own findings are its intelligence; the umpire's report says whose they are.
  const spy = (finder: string) => (finder === viewer ? 'Intelligence: ' : `Intelligence (${name(finder)}): `);
  const lines: string[] = [`Turn ${turn} — ${date} (as ${name(viewer)} knows it)`];
  for (const e of events) {
    switch (e.type) {
      case 'combat':
        if (e.losses.length === 0) break;
        lines.push(
          `  ${front(e.front)}: ` +
            e.losses
              .map(
                (l) =>
                  `${name(l.actor)}${l.for !== l.actor ? ` (for ${name(l.for)})` : ''} lost ${n.format(l.killed + l.wounded)} (${n.format(l.killed)} killed)`,
              )
              .join('; ') +
            `; ${name(s.fronts?.find((f) => f.id === e.front)?.territory ?? '')} holds ${pct(e.control)}`,
        );
        break;
      case 'mobilised':
        lines.push(`  ${name(e.actor)} mobilisation: ${e.level}${e.raised ? `, ${n.format(e.raised)} raised` : ''}`);
        break;
      case 'deployment_ordered':
        lines.push(
          `  ${name(e.actor)} sends ${n.format(e.troops)} troops to ${front(e.front)}${e.for !== e.actor ? ` to fight for ${name(e.for)}` : ''}${e.covert ? ' (covertly)' : ''}, arriving turn ${e.arrives}`,
        );
        break;
      case 'forces_arrived':
        lines.push(`  ${n.format(e.troops)} ${name(e.actor)} troops arrive at ${front(e.front)}${e.covert ? ' (covert)' : ''}`);
        break;
      case 'forces_withdrawn':
        lines.push(`  ${name(e.actor)} withdraws ${n.format(e.troops)} troops from ${front(e.front)}`);
        break;
      case 'posture_changed':
        lines.push(
          `  ${name(e.actor)}'s forces ${e.posture === 'attack' ? 'go over to the attack' : e.posture === 'defend' ? 'go over to the defence' : 'hold their ground'} on ${front(e.front)}`,
        );
        break;
      case 'war_declared':
        lines.push(`  ${name(e.actor)} declares war on ${name(e.on)}`);
        break;
      case 'war_joined':
        lines.push(`  ${name(e.actor)} joins the war (${e.war})`);
        break;
      case 'ceasefire_proposed':
        lines.push(`  ${name(e.actor)} proposes a ceasefire (${e.war})`);
        break;
      case 'ceasefire':
        lines.push(`  Ceasefire: ${e.war}`);
        break;
      case 'nuclear_signal':
        lines.push(`  ${name(e.actor)} sets its nuclear forces to alert level "${e.level}"`);
        break;
      case 'rung_reached':
        lines.push(`  Escalation: ${name(e.between[0])} – ${name(e.between[1])} reach Kahn rung ${e.rung}`);
        break;
      case 'rung_fell':
        lines.push(`  De-escalation: ${name(e.between[0])} – ${name(e.between[1])} fall back to Kahn rung ${e.rung}`);
        break;
      case 'detected':
        lines.push(
          `  ${spy(e.viewer)}${name(e.actor)} forces fighting for ${name(e.for)} at ${front(e.front)}, about ${n.format(e.estimate)}`,
        );
        break;
      case 'support_changed':
        if (e.actor === viewer) lines.push(`  Support at home: ${pct(e.from)} -> ${pct(e.to)}`);
        break;
      case 'message':
        lines.push(`  Message from ${name(e.from)} to ${name(e.to)}: "${e.text}"`);
        break;
      case 'treaty_ratified':
        lines.push(`  ${name(e.actor)} ratifies ${treaty(e.treaty)}`);
        break;
      case 'treaty_in_force':
        lines.push(`  ${treaty(e.treaty)} enters into force`);
        break;
      case 'treaty_triggered':
        lines.push(`  ${treaty(e.treaty)}, ${e.article}: its conditions now hold for ${name(e.protects)}`);
        break;
      case 'treaty_invoked':
        lines.push(`  ${name(e.actor)} invokes ${treaty(e.treaty)}`);
        break;
      case 'call_to_arms':
        lines.push(`  Call to arms: ${name(e.actor)} must answer ${name(e.protects)} under ${treaty(e.treaty)} by turn ${e.due}`);
        break;
      case 'call_answered':
        lines.push(`  ${name(e.actor)} ${ANSWERS[e.answer]} ${name(e.protects)}'s call under ${treaty(e.treaty)}`);
        break;
      case 'reputation_changed':
        lines.push(`  ${name(e.actor)}'s credibility: ${pct(e.from)} -> ${pct(e.to)}`);
        break;
      case 'ceasefire_rejected':
        lines.push(`  ${name(e.actor)} rejects a ceasefire (${e.war})`);
        break;
      case 'treaty_proposed':
        lines.push(
          `  ${name(e.actor)} proposes a treaty, ${e.treaty}, to ${e.parties
            .filter((p) => p !== e.actor)
            .map(name)
            .join(', ')}`,
        );
        break;
      case 'treaty_rejected':
        lines.push(`  ${name(e.actor)} rejects ${treaty(e.treaty)}`);
        break;
      case 'escalated':
        lines.push(`  ${name(e.actor)} escalates to Kahn rung ${e.rung} against ${e.against.map(name).join(', ')}`);
        break;
      case 'transfer_started':
        lines.push(
          `  ${name(e.from)} ${e.standing ? 'starts sending' : 'sends'} ${name(e.to)} ${e.kind.replace('_', '-')}: ${n.format(e.amount)} ${e.unit}${e.covert ? ' (covertly)' : ''}`,
        );
        break;
      case 'transfer_stopped':
        lines.push(`  ${name(e.from)} stops its transfer ${e.transfer} to ${name(e.to)}`);
        break;
      case 'transfer_short':
        lines.push(
          `  ${name(e.from)} delivers only ${n.format(e.delivered)} of ${n.format(e.promised)} to ${name(e.to)} (${e.transfer}): its stock ran short`,
        );
        break;
      case 'transfer_detected':
        lines.push(`  ${spy(e.viewer)}${name(e.from)} is secretly sending ${name(e.to)} ${e.kind.replace('_', '-')} (${e.transfer})`);
        break;
      case 'technology_absorbed':
        lines.push(
          `  ${name(e.actor)} puts ${name(e.from)}'s technology (${e.transfer}) into service: quality now ${e.quality.toFixed(2)}`,
        );
        break;
      case 'munitions_short':
        lines.push(
          `  ${name(e.actor)} runs short of munitions: fired ${n.format(e.fired)} of the ${n.format(e.wanted)} rounds its tempo needs`,
        );
        break;
      case 'sanction_imposed':
        lines.push(`  ${name(e.by)} sanctions ${name(e.on)} (${pct(e.intensity)} of its trade)`);
        break;
      case 'sanction_lifted':
        lines.push(`  ${name(e.by)} lifts its sanctions on ${name(e.on)} (${e.sanction})`);
        break;
      case 'permission_changed':
        lines.push(
          `  ${name(e.by)} ${e.allowed ? 'allows' : 'forbids'} ${name(e.to)} to use its weapons on ${name(e.territory)}'s territory (${e.permission})`,
        );
        break;
      case 'rallied':
        lines.push(`  ${name(e.actor)}'s people rally round the flag`);
        break;
      case 'support_collapsed':
        lines.push(`  ${name(e.actor)}'s support for the war collapses (${pct(e.support)}): it seeks a ceasefire`);
        break;
      case 'red_line_crossed':
        lines.push(
          `  A red line of ${name(e.holder)} is crossed (${e.redLine})${e.acts ? `: ${name(e.holder)} acts on it` : `; ${name(e.holder)} holds back`}`,
        );
        break;
      case 'bandwagon':
        lines.push(
          `  ${name(e.actor)} will join ${name(e.side_with)}'s side: ${e.joined} others already have (its threshold: ${e.threshold})`,
        );
        break;
      case 'red_line_reconsidered':
        lines.push(`  ${name(e.holder)} weighs its red line again (${e.redLine})${e.acts ? `: it acts on it` : `, and holds back still`}`);
        break;
      case 'front_opened':
        lines.push(`  ${name(e.by)} invades ${name(e.territory)}: a front opens there (${e.front})`);
        break;
      case 'tripwire':
        lines.push(
          `  ${name(e.actor)}'s ${n.format(e.troops)} troops in ${name(e.host)} are on the new front (${e.front}): a trip-wire, ${name(e.actor)} is in the war`,
        );
        break;
      case 'wounded_returned':
        break;
      default:
        e satisfies never; // every event has its line (or, as returning wounded, deliberately none)
    }
  }
  for (const v of violations)
    lines.push(
      `  Refused: ${name(v.actor)}'s order ${v.index + 1} (${v.order.type}${v.cause ? `, issued by ${v.cause}` : ''}): ${v.message}`,
    );
  return lines.join('\n') + '\n';
}
