/**
 * The scenario language's schema. One source for three things: the validator (zod), the TypeScript types
 * (checked against core's model at compile time, see the end of this file) and the JSON Schema that editors
 * use (`npm run schema` writes schema/scenario.schema.json from `scenarioJsonSchema()`).
 *
 * Objects are strict: an unknown field is an error, never silently ignored.
 */
import { z } from 'zod';
import { distProblems, FRACTION, NON_NEGATIVE, POSITIVE, RUNG } from '../core/dist.ts';
import { MOBILISATION_LEVELS } from '../core/engine/state.ts';
import type * as M from '../core/model.ts';
import { POSTURES } from '../core/model.ts';
import { SWITCHES, SWITCH_NAMES, type SwitchName } from '../core/switches.ts';
import { bounded, BOUNDS, describeBounds, limitProblems, quantity, SMALLEST_USD_BN, type Quantity } from './bounds.ts';

export const LIMITS = {
  bytes: 1_000_000,
  depth: 24,
  actors: BOUNDS.actors,
  items: 2_000,
  string: 4_000,
  /** YAML alias expansions (`*anchor`): caps the "billion laughs" blow-up. */
  aliases: 100,
} as const;

export const id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'an id is 1-40 lowercase letters, digits, "-" or "_", starting with a letter')
  .meta({ id: 'Id', description: 'A short lowercase identifier, e.g. `rus` or `kursk`.' });
const text = z.string().max(LIMITS.string);
/** The message zod gives any bad date; src/lang/issues.ts words it for the input at hand. */
export const DATE_MESSAGE = 'expected a date as YYYY-MM-DD';
const date = z.iso.date({ error: DATE_MESSAGE });
const ids = z.array(id).max(LIMITS.actors);

const provenance = {
  source: text
    .min(1, 'a source must not be empty')
    .exactOptional()
    .meta({ description: 'A citation, or a key of the scenario `sources`.' }),
  note: text.exactOptional(),
};

const finite = z.number();
const distSchemas = [
  z.strictObject({
    dist: z.literal('normal'),
    mean: finite,
    sd: finite,
    min: finite.exactOptional(),
    max: finite.exactOptional(),
    ...provenance,
  }),
  z.strictObject({ dist: z.literal('lognormal'), median: finite, sigma: finite, ...provenance }),
  z.strictObject({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite, ...provenance }),
  z.strictObject({ dist: z.literal('uniform'), min: finite, max: finite, ...provenance }),
  z.strictObject({
    dist: z.literal('beta'),
    alpha: finite,
    beta: finite,
    min: finite.exactOptional(),
    max: finite.exactOptional(),
    ...provenance,
  }),
] as const;
const dist = z.discriminatedUnion('dist', distSchemas).meta({ id: 'Distribution' });

/** A number that may be plain, sourced or uncertain, and must lie in quantity `q`; `name` names it in the JSON Schema. */
function num(q: Quantity, name: string) {
  return z
    .union([bounded(q), z.strictObject({ value: bounded(q), ...provenance }), dist])
    .superRefine((v, ctx) => {
      if (typeof v !== 'object' || !('dist' in v)) return;
      const core = distProblems(v, q.range);
      for (const p of core.length > 0 ? core : limitProblems(v, q)) ctx.addIssue({ code: 'custom', path: [p.param], message: p.message });
    })
    .meta({
      id: name,
      description: `A ${describeBounds(q)}: plain, \`{value, source}\`, or a distribution \`{dist: normal|lognormal|triangular|uniform|beta, ...}\`.`,
    });
}
const persons = num(quantity(NON_NEGATIVE, BOUNDS.persons), 'Persons');
const rounds = num(quantity(NON_NEGATIVE, BOUNDS.rounds), 'Rounds');
const amount = num(quantity(NON_NEGATIVE, BOUNDS.amount), 'Amount');
const usdBn = num(quantity(NON_NEGATIVE, BOUNDS.usdBn, SMALLEST_USD_BN), 'UsdBn');
const warheads = num(quantity(NON_NEGATIVE, BOUNDS.warheads), 'Warheads');
const actorCount = num(quantity(NON_NEGATIVE, BOUNDS.actors), 'ActorCount');
const days = num(quantity(NON_NEGATIVE, BOUNDS.days), 'Days');
const positiveDays = num(quantity(POSITIVE, BOUNDS.days), 'PositiveDays');
const areaKm2 = num(quantity(POSITIVE, BOUNDS.areaKm2), 'AreaKm2');
const lengthKm = num(quantity(POSITIVE, BOUNDS.lengthKm), 'LengthKm');
const quality = num(quantity(POSITIVE, BOUNDS.quality), 'Quality');
/** A front's loss rates over the calibrated rate. */
const intensity = num(quantity(POSITIVE, BOUNDS.quality), 'Intensity');
const fraction = num(quantity(FRACTION, 1), 'Fraction');
const rungNum = num(quantity(RUNG, RUNG.max!), 'Rung');

/** The model's switches a scenario may set, each in its own range (src/core/switches.ts). */
const switches = z
  .strictObject(
    Object.fromEntries(
      SWITCH_NAMES.map((k) => {
        const r = SWITCHES[k].range;
        return [k, num(quantity(r, r.max!), `Switch_${k}`).describe(SWITCHES[k].about).exactOptional()];
      }),
    ) as Record<SwitchName, z.ZodExactOptional<ReturnType<typeof num>>>,
  )
  .meta({
    id: 'Switches',
    description: "The model's judgement constants this scenario sets: a value, or a distribution a forecast varies.",
  });

/** A non-numeric value that may carry provenance: `x` or `{value: x, source}`. */
function val<T extends z.ZodType>(inner: T) {
  return z.union([inner, z.strictObject({ value: inner, ...provenance })]);
}

const regime = z.strictObject({
  type: val(z.enum(['personalist', 'single_party', 'military', 'hybrid', 'democracy', 'monarchy'])),
  winning_coalition: fraction.exactOptional(),
  ...provenance,
});

const domestic = z.strictObject({
  support: fraction,
  casualty_sensitivity: fraction,
  auxiliary_weight: fraction.exactOptional(),
  economic_sensitivity: fraction.exactOptional(),
  rally: fraction.exactOptional(),
  draft_cost: fraction.exactOptional(),
  ...provenance,
});

const capabilities = z.strictObject({
  population: persons.exactOptional(),
  gdp_usd_bn: usdBn.exactOptional(),
  defence_budget_usd_bn: usdBn.exactOptional(),
  active: persons.exactOptional(),
  reserve: persons.exactOptional(),
  mobilisation: z
    .strictObject({
      rate: persons,
      cap: persons,
      level: val(z.enum(MOBILISATION_LEVELS)).exactOptional(),
      ...provenance,
    })
    .exactOptional(),
  quality: quality.exactOptional(),
  munitions: z
    .strictObject({ stock: rounds.exactOptional(), production: rounds.exactOptional(), consumption: rounds.exactOptional(), ...provenance })
    .exactOptional(),
  nuclear_warheads: warheads.exactOptional(),
  intelligence: fraction.exactOptional(),
  expeditionary: persons.exactOptional(),
  cinc: fraction.exactOptional(),
  ...provenance,
});

const interests = z.strictObject({
  territory: fraction.exactOptional(),
  regime_security: fraction.exactOptional(),
  casualties: fraction.exactOptional(),
  economy: fraction.exactOptional(),
  credibility: fraction.exactOptional(),
  technology: fraction.exactOptional(),
  leverage: fraction.exactOptional(),
  escalation_risk: fraction.exactOptional(),
  battle_experience: fraction.exactOptional(),
  backed_territory: fraction.exactOptional(),
  rival_gains: fraction.exactOptional(),
  ...provenance,
});

const actor = z.strictObject({
  id,
  name: text,
  kind: z.enum(['state', 'bloc']),
  members: ids.exactOptional(),
  backs: ids.exactOptional(),
  rivals: ids.exactOptional(),
  burden_sharing: fraction.exactOptional(),
  cohesion: fraction.exactOptional(),
  decision: z.enum(['consensus', 'majority', 'leader']).exactOptional(),
  regions: ids.exactOptional(),
  area_km2: areaKm2.exactOptional(),
  cow: z
    .string()
    .regex(/^[A-Z]{2,3}$/, 'a Correlates of War state abbreviation is 2-3 capital letters')
    .exactOptional(),
  great_power: z.boolean().exactOptional(),
  regime: regime.exactOptional(),
  domestic: domestic.exactOptional(),
  capabilities: capabilities.exactOptional(),
  interests: interests.exactOptional(),
  bandwagon: z.strictObject({ side_with: id, threshold: actorCount, ...provenance }).exactOptional(),
  ...provenance,
});

const deployment = z.strictObject({
  actor: id,
  troops: persons,
  for: id.exactOptional(),
  posture: z.enum(POSTURES).exactOptional(),
  covert: z.boolean().exactOptional(),
  known_to: ids.exactOptional(),
  quality: quality.exactOptional(),
  arrives: date.exactOptional(),
  ...provenance,
});

const front = z.strictObject({
  id,
  name: text,
  conflict: id,
  territory: id,
  control: fraction,
  area_km2: areaKm2.exactOptional(),
  length_km: lengthKm.exactOptional(),
  terrain: z.enum(['open', 'mixed', 'forest', 'urban', 'mountain', 'marsh', 'river']).exactOptional(),
  intensity: intensity.exactOptional(),
  forces: z.array(deployment).max(LIMITS.items),
  ...provenance,
});

const rung = z.number().int().min(1).max(44);

const conflict = z.strictObject({
  id,
  name: text,
  start: date,
  sides: z.tuple([ids.min(1), ids.min(1)]),
  aggressor: id.exactOptional(),
  rung: rungNum.exactOptional(),
  ...provenance,
});

export const obligation = z.strictObject({
  type: z.enum(['defense', 'offense', 'neutrality', 'nonaggression', 'consultation']),
  strength: z.enum(['all_means', 'as_deemed_necessary', 'constitutional_processes', 'benevolent', 'consult']),
  duty: z.enum(['fight', 'mobilise', 'consult', 'stay_neutral', 'not_attack']).exactOptional(),
  obliged: ids.exactOptional(),
  protects: ids.exactOptional(),
  against: ids.exactOptional(),
  conditions: z.strictObject({
    trigger: z.enum(['attack', 'mobilisation', 'war', 'threat']),
    location: z.enum(['territory', 'forces']).exactOptional(),
    regions: ids.exactOptional(),
    by: ids.exactOptional(),
    except_by: ids.exactOptional(),
    by_at_least: z.number().int().min(1).max(BOUNDS.actors).exactOptional(),
    supported_by: ids.exactOptional(),
    unprovoked: z.boolean().exactOptional(),
    self_defence: z.boolean().exactOptional(),
    ...provenance,
  }),
  article: text.exactOptional(),
  text: text.exactOptional(),
  ...provenance,
});

const treaty = z.strictObject({
  id,
  name: text,
  parties: ids.min(2),
  signed: date,
  renewed: z.array(date).max(LIMITS.items).exactOptional(),
  status: z.enum(['in_force', 'signed', 'ratifying']),
  in_force_from: date.exactOptional(),
  obligations: z.array(obligation).min(1).max(LIMITS.items),
  ...provenance,
});

export const transferKind = z.enum(['munitions', 'weapons', 'technology', 'money', 'dual_use', 'fuel']);

const transfer = z.strictObject({
  id,
  from: id,
  to: id,
  kind: transferKind,
  amount,
  unit: text,
  covert: z.boolean().exactOptional(),
  known_to: ids.exactOptional(),
  offensive: z.boolean().exactOptional(),
  while: z.lazy(() => predicate).exactOptional(),
  ...provenance,
});

const sanction = z.strictObject({ id, by: ids.min(1), on: id, intensity: fraction, ...provenance });

const permission = z.strictObject({
  id,
  by: id,
  to: id,
  weapons: text,
  territory: id,
  allowed: val(z.boolean()),
  ...provenance,
});

const stationed = z.strictObject({ actor: id, on: id, troops: persons, ...provenance });

const casualtyKind = z.enum(['killed', 'wounded', 'all']);
const level = z.enum(['preparatory', 'partial', 'general']);
const dyad = z.tuple([id, id]);

/** One predicate: an object with exactly one key naming the test. */
const one = <K extends string, S extends z.ZodType>(key: K, args: S) => z.strictObject({ [key]: args } as { [P in K]: S });

export const predicate: z.ZodType<M.Predicate> = z.lazy(() =>
  z
    .union([
      one('all', z.array(predicate).min(1).max(LIMITS.items)),
      one('any', z.array(predicate).min(1).max(LIMITS.items)),
      one('not', predicate),
      one('actor_at_war', z.strictObject({ actor: id, against: id.exactOptional() })),
      one('in_combat', z.strictObject({ actor: id, front: id.exactOptional() })),
      one(
        'troops_deployed',
        z.strictObject({
          actor: id,
          front: id.exactOptional(),
          territory: id.exactOptional(),
          at_least: z.number().min(0).max(BOUNDS.persons),
        }),
      ),
      one(
        'arms_transfer',
        z.strictObject({
          from: id,
          to: id,
          kind: transferKind.exactOptional(),
          offensive: z.boolean().exactOptional(),
          flowing: z.boolean().exactOptional(),
        }),
      ),
      one('rung_reached', z.strictObject({ rung, between: dyad.exactOptional() })),
      one('ceasefire', z.strictObject({ conflict: id })),
      one('nuclear_use', z.strictObject({ by: id.exactOptional() })),
      one(
        'casualties_exceed',
        z.strictObject({ actor: id, value: z.number().min(0).max(BOUNDS.persons), kind: casualtyKind.exactOptional() }),
      ),
      one('front_control_below', z.strictObject({ front: id, value: z.number().min(0).max(1) })),
      one('front_control_above', z.strictObject({ front: id, value: z.number().min(0).max(1) })),
      one('treaty_invoked', z.strictObject({ treaty: id, by: id.exactOptional() })),
      one('support_below', z.strictObject({ actor: id, value: z.number().min(0).max(1) })),
      one('mobilised', z.strictObject({ actor: id, level: level.exactOptional() })),
      one('permission_granted', z.strictObject({ permission: id })),
      one('date_reached', z.strictObject({ date })),
    ])
    .meta({ id: 'Predicate' }),
);

const metricExpr = z.union([
  one('first_turn', z.strictObject({ when: predicate })),
  one('casualties', z.strictObject({ actor: id, kind: casualtyKind.exactOptional() })),
  one('max_rung', z.strictObject({ between: dyad.exactOptional() })),
  one('front_control', z.strictObject({ front: id })),
  one('support', z.strictObject({ actor: id })),
  one('troops', z.strictObject({ actor: id, front: id.exactOptional() })),
  one('munitions', z.strictObject({ actor: id })),
]);

const question = z.strictObject({
  id,
  text,
  when: predicate,
  holds: z.enum(['ever', 'throughout', 'at_end']).exactOptional(),
  by: date.exactOptional(),
  ...provenance,
});
const metric = z.strictObject({ id, text, unit: text, of: metricExpr, ...provenance });

const redLineEffect = z.union([
  one('enter_war', z.strictObject({ side_with: id, conflict: id })),
  one(
    'arm',
    z.strictObject({
      to: id,
      offensive: z.boolean().exactOptional(),
      kind: z.enum(['weapons', 'technology']).exactOptional(),
      amount: amount.exactOptional(),
    }),
  ),
  one('mobilise', z.strictObject({ level, against: id.exactOptional() })),
  one('declare_war', z.strictObject({ on: id })),
  one('invade', z.strictObject({ territory: id })),
  one('escalate', z.strictObject({ rung, against: ids.exactOptional() })),
  one('sanction', z.strictObject({ on: id, intensity: z.number().gt(0).max(1).exactOptional() })),
  one('permit', z.strictObject({ permission: id })),
  one('stop_transfer', z.strictObject({ transfer: id })),
  one('cut_off', z.strictObject({ to: id, kind: transferKind.exactOptional() })),
]);

const redLine = z.strictObject({
  id,
  holder: id,
  text: text.exactOptional(),
  when: predicate,
  then: redLineEffect,
  likelihood: fraction,
  reconsider: z.strictObject({ every_days: positiveDays, for_days: days.exactOptional(), ...provenance }).exactOptional(),
  delay_days: days.exactOptional(),
  ...provenance,
});

const list = <S extends z.ZodType>(item: S) => z.array(item).max(LIMITS.items).exactOptional();

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().exactOptional().meta({ description: 'Path or URL of this JSON Schema, for editors.' }),
    id,
    title: text,
    description: text,
    start: date,
    turn_days: z.number().int().min(1).max(366),
    horizon: z.number().int().min(1).max(10_000).meta({ description: 'Number of turns the scenario runs for.' }),
    player: id,
    sources: z.record(id, text).exactOptional(),
    regions: list(z.strictObject({ id, name: text, ...provenance })),
    actors: z.array(actor).min(1).max(LIMITS.actors),
    conflicts: list(conflict),
    fronts: list(front),
    treaties: list(treaty),
    transfers: list(transfer),
    sanctions: list(sanction),
    permissions: list(permission),
    stationed: list(stationed),
    red_lines: list(redLine),
    triggers: list(z.strictObject({ event: text, date, ...provenance })),
    questions: list(question),
    metrics: list(metric),
    switches: switches.exactOptional(),
    ...provenance,
  })
  .meta({ title: 'yourmove scenario', description: 'A crisis scenario for the yourmove engine.' });

export type ScenarioDoc = z.output<typeof scenarioSchema>;

/** The JSON Schema published for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}

// Compile-time proof that the schema produces core's model types (and nothing core does not know).
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type SchemaMatchesModel = Assert<Same<Omit<ScenarioDoc, '$schema'>, Omit<M.Scenario, never>>>;
