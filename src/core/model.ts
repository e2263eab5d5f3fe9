/**
 * The scenario model: the types of a validated scenario document.
 *
 * This file is the contract between the scenario language (src/lang/, which parses YAML and checks it
 * against a schema built to produce exactly these types) and everything that reads a scenario: the
 * semantic checks here in core, and later the engine. Field names are the YAML names, so a reader of a
 * scenario file and a reader of the code use one vocabulary.
 *
 * Concepts follow ../../docs/model.md: actors (docs/model.md §2), forces and fronts (§3), treaties with ATOP
 * obligation types (§4), transfers and sanctions (§5), domestic figures (§6), intelligence (§7) and the
 * escalation ladder (§8).
 */

/** A short lowercase identifier: `rus`, `kursk`, `rus-prk-2024`. */
import type { SwitchName } from './switches.ts';

export type Id = string;
/** A calendar date as ISO `YYYY-MM-DD`. */
export type IsoDate = string;

/** Provenance that any value may carry. `source` is a citation (or a key of the scenario's `sources`). */
export interface Provenance {
  source?: string;
  note?: string;
}

/** A value with its provenance: `{ value: 730000, source: "IISS 2025" }`. */
export interface Sourced<T> extends Provenance {
  value: T;
}

export type NormalDist = Provenance & { dist: 'normal'; mean: number; sd: number; min?: number; max?: number };
/** Log-normal given by its median and the standard deviation of the log (`sigma`). */
export type LognormalDist = Provenance & { dist: 'lognormal'; median: number; sigma: number };
export type TriangularDist = Provenance & { dist: 'triangular'; min: number; mode: number; max: number };
export type UniformDist = Provenance & { dist: 'uniform'; min: number; max: number };
/** Beta(alpha, beta), scaled to [min, max] (default [0, 1]). */
export type BetaDist = Provenance & { dist: 'beta'; alpha: number; beta: number; min?: number; max?: number };
export type Dist = NormalDist | LognormalDist | TriangularDist | UniformDist | BetaDist;
export type DistKind = Dist['dist'];

/** Any number in a scenario: plain, sourced, or uncertain (sampled per Monte Carlo run). */
export type Num = number | Sourced<number> | Dist;
/** Any other value in a scenario may also carry provenance. */
export type Val<T> = T | Sourced<T>;

export type ActorKind = 'state' | 'bloc';

/**
 * Regime types, ordered roughly by winning-coalition size (selectorate theory, Bueno de Mesquita et al.
 * 2003: small-coalition regimes tolerate losses better).
 */
export type RegimeType = 'personalist' | 'single_party' | 'military' | 'hybrid' | 'democracy' | 'monarchy';

export interface Regime extends Provenance {
  type: Val<RegimeType>;
  /** Share of the population whose support keeps the leader in office (selectorate W), 0..1. */
  winning_coalition?: Num;
}

export interface Domestic extends Provenance {
  /** Domestic support for the government's war policy, 0..1. */
  support: Num;
  /** How strongly support falls with own casualties, 0..1 (1 = a democracy at war of choice). */
  casualty_sensitivity: Num;
  /** The weight a host gives to deaths of foreign auxiliaries fighting for it, 0..1. */
  auxiliary_weight?: Num;
  /** How strongly support falls with economic pain, 0..1. */
  economic_sensitivity?: Num;
  /** Rally round the flag when the homeland is attacked: support gained, 0..1. */
  rally?: Num;
  /** Support lost each time the government orders its mobilisation a level higher (the draft's unpopularity), 0..1. */
  draft_cost?: Num;
}

/**
 * Mobilisation levels, in order. `preparatory` is a pre-mobilisation stage such as Russia's "Period
 * Preparatory to War" (26 July 1914) or Germany's "state of imminent danger of war".
 */
export type MobilisationLevel = 'none' | 'preparatory' | 'partial' | 'general';

export interface Mobilisation extends Provenance {
  /** Persons that can be raised per turn. */
  rate: Num;
  /** Maximum persons under arms (active + raised). */
  cap: Num;
  /** Current mobilisation level (none < preparatory < partial < general). */
  level?: Val<MobilisationLevel>;
}

export interface Munitions extends Provenance {
  /** Artillery-round equivalents in stock. */
  stock?: Num;
  /** Rounds produced per turn. */
  production?: Num;
  /** Rounds fired per turn at the current tempo. */
  consumption?: Num;
}

export interface Capabilities extends Provenance {
  population?: Num;
  gdp_usd_bn?: Num;
  defence_budget_usd_bn?: Num;
  /** Active military personnel. */
  active?: Num;
  reserve?: Num;
  mobilisation?: Mobilisation;
  /** Training and equipment quality multiplier; 1 = a typical modern force. */
  quality?: Num;
  munitions?: Munitions;
  nuclear_warheads?: Num;
  /** Probability of detecting another actor's covert orders in a turn, 0..1. */
  intelligence?: Num;
  /**
   * The most troops it can keep on fronts abroad (off its own territory) at once: what its lift and supply carry and
   * its hosts accept. None: no limit.
   */
  expeditionary?: Num;
  /** Correlates of War Composite Index of National Capability, 0..1. */
  cinc?: Num;
}

/** Utility weights over the terms of an actor's interests (docs/model.md §2); each 0..1. */
export interface Interests extends Provenance {
  territory?: Num;
  regime_security?: Num;
  casualties?: Num;
  economy?: Num;
  credibility?: Num;
  technology?: Num;
  leverage?: Num;
  escalation_risk?: Num;
  battle_experience?: Num;
  /** The ground of the actors it backs (its `backs`): their territory gained or lost, as they count it. */
  backed_territory?: Num;
  /** What its rivals (its `rivals`) gain in technology and battle experience: the threat they grow into. */
  rival_gains?: Num;
}

export interface Actor extends Provenance {
  id: Id;
  name: string;
  kind: ActorKind;
  /** For blocs: the member states (actor ids). */
  members?: Id[];
  /**
   * The actors whose fate it counts as its own stake without being their ally in a war: NATO and its members
   * back Ukraine. Its interests' `backed_territory` weighs their ground.
   */
  backs?: Id[];
  /**
   * The actors whose military gains it counts as a threat to itself: South Korea's rival is North Korea. Its
   * interests' `rival_gains` weighs the technology and battle experience they gain.
   */
  rivals?: Id[];
  /**
   * The share of a fellow donor's lost aid to an actor it backs that it makes up, in proportion to its own part of
   * the aid that remains, 0..1 (Olson & Zeckhauser 1966: an ally's best reply to another's cut makes up part of it).
   */
  burden_sharing?: Num;
  /** For blocs: how united the members are, 0..1; limits what the bloc can order. */
  cohesion?: Num;
  /** For blocs: how the bloc decides. */
  decision?: 'consensus' | 'majority' | 'leader';
  /** Region ids (see the scenario's `regions`) the actor's territory lies in. */
  regions?: Id[];
  /** The area of the actor's territory in km²: the area of the front an invasion of it opens. */
  area_km2?: Num;
  /** Correlates of War state abbreviation (`RUS`, `GMY`), for capability data. */
  cow?: string;
  /** A great power: counted by `by_at_least` conditions (Triple Alliance Art. III). */
  great_power?: boolean;
  regime?: Regime;
  domestic?: Domestic;
  capabilities?: Capabilities;
  interests?: Interests;
  /** A Granovetter (1978) threshold: the actor joins `side_with`'s war once that many others have joined its side. */
  bandwagon?: Bandwagon;
}

export interface Bandwagon extends Provenance {
  side_with: Id;
  /** How many actors besides `side_with` must already be on its side. */
  threshold: Num;
}

export const POSTURES = ['attack', 'defend', 'hold'] as const;
export type Posture = (typeof POSTURES)[number];

/** Forces of one owner on one front; `for` names the side's actor it fights for (expeditionary forces). */
export interface Deployment extends Provenance {
  actor: Id;
  troops: Num;
  for?: Id;
  posture?: Posture;
  /** Covert deployments are seen by others only when detected (docs/model.md §7). */
  covert?: boolean;
  /** For covert forces: the actors that have already found them at the start (with a noisy estimate). */
  known_to?: Id[];
  quality?: Num;
  /** The date the forces arrive, if after the scenario start. */
  arrives?: IsoDate;
}

export type Terrain = 'open' | 'mixed' | 'forest' | 'urban' | 'mountain' | 'marsh' | 'river';

export interface Front extends Provenance {
  id: Id;
  name: string;
  conflict: Id;
  /** Whose territory the front is on. */
  territory: Id;
  /** Share of the front's area held by the territory's owner, 0..1. */
  control: Num;
  /** The front's contested area in km². */
  area_km2?: Num;
  length_km?: Num;
  terrain?: Terrain;
  /**
   * How hard the front is fought: its loss rates are this many times the calibrated rate (default 1). A small
   * salient fought for by picked units (Kursk) loses men faster per soldier than a long front.
   */
  intensity?: Num;
  forces: Deployment[];
}

export interface Conflict extends Provenance {
  id: Id;
  name: string;
  start: IsoDate;
  /** Actor ids on each of the two sides. */
  sides: [Id[], Id[]];
  /** The actor that started the war, if any (matters for defensive obligations, docs/model.md §4). */
  aggressor?: Id;
  /** Kahn ladder rung (1..44) reached in this conflict at the scenario start. */
  rung?: Num;
}

/** ATOP obligation types (Leeds et al., ATOP v5.1 codebook). */
export type ObligationType = 'defense' | 'offense' | 'neutrality' | 'nonaggression' | 'consultation';

/**
 * How binding the promised help is, strongest first: "immediately ... by all means at its disposal"
 * (Russia–DPRK 2024 Art. 4) > "such action as it deems necessary" (NATO Art. 5) > "in accordance with its
 * constitutional processes" (US–ROK 1953 Art. III) > "benevolent neutrality" / "consult".
 */
export type ObligationStrength = 'all_means' | 'as_deemed_necessary' | 'constitutional_processes' | 'benevolent' | 'consult';

/**
 * What sets an obligation off: an armed attack; a mobilisation; a state of war; or a threat of attack
 * (a "direct threat of armed aggression", Russia–DPRK 2024 Art. 3; "whenever ... threatened", NATO Art. 4).
 */
export type TriggerEvent = 'attack' | 'mobilisation' | 'war' | 'threat';

export interface ObligationConditions extends Provenance {
  trigger: TriggerEvent;
  /** Attack on the protected party's own territory or on its forces anywhere. */
  location?: 'territory' | 'forces';
  /** Only if the attacked territory lies in one of these regions. */
  regions?: Id[];
  /** Only if the attacker (or mobiliser) is one of these actors. */
  by?: Id[];
  /** Not if the attacker is one of these actors (Dual Alliance Art. II: any power but Russia). */
  except_by?: Id[];
  /** Only if at least this many great powers (actors with `great_power: true`) attack together (Triple Alliance Art. III). */
  by_at_least?: number;
  /** Only if the attacker is supported by one of these actors (Dual Alliance Art. II). */
  supported_by?: Id[];
  /** Only if the protected party did not provoke the attack (is not the aggressor). */
  unprovoked?: boolean;
  /**
   * The obligation is collective self-defence under UN Charter Art. 51 (its text says so: NATO's Art. 5, the
   * Russia–DPRK Art. 4): an armed attack is one, and another's declaration of war made to honour a defence obligation
   * — itself self-defence — is none.
   */
  self_defence?: boolean;
}

/**
 * What the obliged party must do when the obligation triggers. Defaults by type: defense and offense ->
 * `fight`, neutrality -> `stay_neutral`, nonaggression -> `not_attack`, consultation -> `consult`.
 * `mobilise` is the Franco-Russian convention's Art. 2: mobilise at once when the other side mobilises.
 */
export type Duty = 'fight' | 'mobilise' | 'consult' | 'stay_neutral' | 'not_attack';

export interface Obligation extends Provenance {
  type: ObligationType;
  strength: ObligationStrength;
  duty?: Duty;
  /** Who must act (default: all parties). */
  obliged?: Id[];
  /** Whom the obligation protects (default: all parties). */
  protects?: Id[];
  /** Against whom the help is directed, if the text names them (Franco-Russian Art. 1: against Germany). */
  against?: Id[];
  conditions: ObligationConditions;
  /** The article, e.g. "Art. 4". */
  article?: string;
  /** The operative words of the article. */
  text?: string;
}

export type TreatyStatus = 'in_force' | 'signed' | 'ratifying';

export interface Treaty extends Provenance {
  id: Id;
  name: string;
  parties: Id[];
  signed: IsoDate;
  /** Renewals, oldest first (the Triple Alliance: 1887, 1891, 1902, 1912). */
  renewed?: IsoDate[];
  status: TreatyStatus;
  /** For treaties not yet in force: the date they enter into force, when it is known. */
  in_force_from?: IsoDate;
  obligations: Obligation[];
}

/** What flows between actors. Troops are not a transfer: they are a deployment that fights `for` another actor. */
export type TransferKind = 'munitions' | 'weapons' | 'technology' | 'money' | 'dual_use' | 'fuel';

/** A standing flow from one actor to another, per turn. */
export interface Transfer extends Provenance {
  id: Id;
  from: Id;
  to: Id;
  kind: TransferKind;
  /** Amount per turn in `unit`. */
  amount: Num;
  unit: string;
  covert?: boolean;
  /** For covert transfers: the actors that know of it at the start. */
  known_to?: Id[];
  /** Whether the recipient may use these arms offensively / on the supplier-restricted territory. */
  offensive?: boolean;
  /**
   * What the flow is paid for: it runs while this holds and stops, for good, the first turn it does not (Russia's
   * technology for North Korea's troops). A technology programme stopped before it is absorbed is lost.
   */
  while?: Predicate;
}

export interface Sanction extends Provenance {
  id: Id;
  by: Id[];
  on: Id;
  /** Share of the target's trade affected, 0..1. */
  intensity: Num;
}

/** A supplier's rule on where the recipient may use its weapons (the long-range strike question). */
export interface Permission extends Provenance {
  id: Id;
  by: Id;
  to: Id;
  weapons: string;
  territory: Id;
  allowed: Val<boolean>;
}

/**
 * Forces an actor keeps on another's territory in peace (US troops in Poland): a trip-wire. When an enemy's invasion
 * opens a front on the host's territory they are on it, and their owner is in the war on the host's side
 * (Schelling 1966, Arms and Influence: forces placed where they cannot but fight make a commitment credible).
 */
export interface Stationed extends Provenance {
  actor: Id;
  /** The host: whose territory they are on. */
  on: Id;
  troops: Num;
}

/** Structured predicates over the simulated world. No code strings: each is a named test with arguments. */
export type Predicate =
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  | { actor_at_war: { actor: Id; against?: Id } }
  | { in_combat: { actor: Id; front?: Id } }
  | { troops_deployed: { actor: Id; front?: Id; territory?: Id; at_least: number } }
  /** `flowing`: only while a flow runs (by default one that has delivered and stopped counts too). */
  | { arms_transfer: { from: Id; to: Id; kind?: TransferKind; offensive?: boolean; flowing?: boolean } }
  | { rung_reached: { rung: number; between?: [Id, Id] } }
  | { ceasefire: { conflict: Id } }
  | { nuclear_use: { by?: Id } }
  | { casualties_exceed: { actor: Id; value: number; kind?: CasualtyKind } }
  | { front_control_below: { front: Id; value: number } }
  | { front_control_above: { front: Id; value: number } }
  | { treaty_invoked: { treaty: Id; by?: Id } }
  | { support_below: { actor: Id; value: number } }
  /** The actor's mobilisation is at least `level` (default: partial; `preparatory` counts only when named). */
  | { mobilised: { actor: Id; level?: Exclude<MobilisationLevel, 'none'> } }
  | { permission_granted: { permission: Id } }
  /** The scenario's clock has reached `date` (a known date: an inauguration, a treaty's term). */
  | { date_reached: { date: IsoDate } };

export type PredicateKind = Predicate extends infer P ? (P extends unknown ? keyof P : never) : never;

export type CasualtyKind = 'killed' | 'wounded' | 'all';

/**
 * When a question's predicate must hold, up to its `by` date (default: the end of the horizon):
 * `ever` — on at least one turn; `throughout` — on every turn; `at_end` — on the turn of the date itself.
 */
export type Holds = 'ever' | 'throughout' | 'at_end';

/** A yes/no question a forecast answers: does `when` hold (as `holds` says, default `ever`) up to `by`? */
export interface Question extends Provenance {
  id: Id;
  text: string;
  when: Predicate;
  holds?: Holds;
  by?: IsoDate;
}

export type MetricExpr =
  | { casualties: { actor: Id; kind?: CasualtyKind } }
  | { max_rung: { between?: [Id, Id] } }
  | { front_control: { front: Id } }
  | { support: { actor: Id } }
  | { troops: { actor: Id; front?: Id } }
  | { munitions: { actor: Id } }
  /** The turn at which a predicate first holds (none if it never does): when did the domino fall? */
  | { first_turn: { when: Predicate } };

/** A number a forecast tracks per turn. */
export interface Metric extends Provenance {
  id: Id;
  text: string;
  unit: string;
  of: MetricExpr;
}

export type RedLineEffect =
  | { enter_war: { side_with: Id; conflict: Id } }
  /**
   * Start a standing flow to `to`: weapons (by default; `amount` in USD million a turn, counted in the recipient's
   * fire like any aid; without it an unpriced package) or a technology programme (`amount` programmes, default 1).
   */
  | { arm: { to: Id; offensive?: boolean; kind?: 'weapons' | 'technology'; amount?: Num } }
  | { mobilise: { level: Exclude<MobilisationLevel, 'none'>; against?: Id } }
  | { declare_war: { on: Id } }
  | { invade: { territory: Id } }
  /** Raise the Kahn rung with `against` (default: the holder's enemies) by a nuclear signal of that rung. */
  | { escalate: { rung: number; against?: Id[] } }
  | { sanction: { on: Id; intensity?: number } }
  | { permit: { permission: Id } }
  /** Stop one of the holder's own transfers. */
  | { stop_transfer: { transfer: Id } }
  /** Stop every flow from the holder to `to` (of `kind`, if given) running when it acts: a policy, not one package. */
  | { cut_off: { to: Id; kind?: TransferKind } };

/** A condition that, when it holds, changes what an actor does (docs/model.md §4: red lines). */
export interface RedLine extends Provenance {
  id: Id;
  holder: Id;
  text?: string;
  when: Predicate;
  then: RedLineEffect;
  /** Probability that the holder acts on the red line when it is crossed (and at each reconsideration). */
  likelihood: Num;
  /** A holder that did not act decides again, while the condition holds; without it, the decision is taken once. */
  reconsider?: Reconsider;
  /** Days from the decision to the act (an ultimatum's term, a deployment to finish first); without it, the next turn. */
  delay_days?: Num;
}

/**
 * The pressure of a standing situation (mobilisation timetables, an invasion going on): the holder of a red line
 * who did not act faces the choice again every `every_days`, for `for_days` after the line was first crossed
 * (without it, as long as the condition holds).
 */
export interface Reconsider extends Provenance {
  every_days: Num;
  for_days?: Num;
}

/** An event of the scenario's history (or a hypothesis) a cascade starts from: "aut declares war on srb" on its date. */
export interface ScenarioTrigger extends Provenance {
  /** A trigger (src/core/forecast/trigger.ts): "<actor> declares war on <actor>", "<actor> invades <actor>", ... */
  event: string;
  date: IsoDate;
}

export interface Region extends Provenance {
  id: Id;
  name: string;
}

export interface Scenario extends Provenance {
  id: Id;
  title: string;
  description: string;
  start: IsoDate;
  turn_days: number;
  /** Number of turns the scenario runs for. */
  horizon: number;
  /** The actor a person plays by default. */
  player: Id;
  /** Citations by key: a value's `source` may name a key instead of repeating the citation. */
  sources?: Record<string, string>;
  regions?: Region[];
  actors: Actor[];
  conflicts?: Conflict[];
  fronts?: Front[];
  treaties?: Treaty[];
  transfers?: Transfer[];
  sanctions?: Sanction[];
  permissions?: Permission[];
  stationed?: Stationed[];
  red_lines?: RedLine[];
  /** Events a cascade can start from, with the date they happened (or are expected). */
  triggers?: ScenarioTrigger[];
  questions?: Question[];
  metrics?: Metric[];
  /** The model's judgement constants this scenario sets (src/core/switches.ts): a value, or a range a forecast varies. */
  switches?: Partial<Record<SwitchName, Num>>;
}

/** A problem found in a scenario, located by its path in the document (keys and list indices). */
export interface Issue {
  path: (string | number)[];
  message: string;
  /** Set when the problem is the key itself (e.g. a duplicate or unknown key), not its value. */
  atKey?: boolean;
}
