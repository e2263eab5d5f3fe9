/**
 * An outcomes file: what happened to a scenario's questions by a date, each with its source — what a back-test scores
 * a forecast against (`yourmove backtest`, docs/forecast.md). It is kept out of the scenario, whose facts stop at its
 * start:
 *
 *     scenario: korea-russia-2024-06
 *     resolved: 2024-11-08
 *     outcomes:
 *       - {question: deep_strikes_allowed, outcome: false, source: "..."}
 *
 * Every problem is located as file:line:col: an unknown question, one named twice, a scenario id that does not match,
 * a resolution date before the scenario's start.
 */
import { z } from 'zod';
import type { Issue, Scenario } from '../core/model.ts';
import { compareDates } from '../core/scenario/dates.ts';
import { parseYaml, type Problem } from './load.ts';

const outcomesSchema = z.strictObject({
  scenario: z.string(),
  resolved: z.iso.date({ error: 'a date is written YYYY-MM-DD' }),
  source: z.string().optional(),
  note: z.string().optional(),
  outcomes: z
    .array(
      z.strictObject({
        question: z.string(),
        outcome: z.boolean(),
        source: z.string().min(1, 'say where the outcome comes from'),
        note: z.string().optional(),
      }),
    )
    .min(1, 'an outcomes file scores at least one question'),
});

export type Outcomes = z.infer<typeof outcomesSchema>;

export type OutcomesResult = { ok: true; value: Outcomes } | { ok: false; problems: Problem[] };

/** Read an outcomes file for `scenario`, every problem located. */
export function loadOutcomesText(text: string, file: string, scenario: Scenario): OutcomesResult {
  const parsed = parseYaml(text, file, outcomesSchema, 'an outcomes file');
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const issues: Issue[] = [];
  if (o.scenario !== scenario.id)
    issues.push({ path: ['scenario'], message: `these outcomes are for "${o.scenario}", not for "${scenario.id}"` });
  if (compareDates(o.resolved, scenario.start) < 0)
    issues.push({ path: ['resolved'], message: `resolved on ${o.resolved}, before the scenario starts (${scenario.start})` });
  const ids = new Set((scenario.questions ?? []).map((q) => q.id));
  const seen = new Set<string>();
  o.outcomes.forEach((x, i) => {
    if (!ids.has(x.question))
      issues.push({
        path: ['outcomes', i, 'question'],
        message: `no question "${x.question}" in ${scenario.id} (its questions: ${[...ids].join(', ')})`,
      });
    else if (seen.has(x.question)) issues.push({ path: ['outcomes', i, 'question'], message: `question "${x.question}" is scored twice` });
    seen.add(x.question);
  });
  return issues.length > 0 ? { ok: false, problems: parsed.place(issues) } : { ok: true, value: o };
}
