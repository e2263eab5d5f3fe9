// Calibration of the default scenario (issue 3 §7; docs/calibration.md): with no new orders, and as forecasts play
// it (every actor a heuristic bot), the Russia–Ukraine war in korea-russia-2024 runs at the rates of late 2024 in
// SCENARIO-FACTS.md.
import { describe, expect, it } from 'vitest';
import { apply } from '../src/core/engine/apply.ts';
import { initialState } from '../src/core/engine/init.ts';
import { Rng } from '../src/core/rng.ts';
import { inputTemplate } from '../src/core/forecast/inputs.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { simulateRun } from '../src/sim/run.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const scenario = loadBuiltin('korea-russia-2024');

const RUNS = 100;
const TURNS = 8; // two months from 8 Nov 2024

/** The war's rates over runs given as their first and last states (the first kept apart: a forecast run plays in place). */
function rates(runs: readonly { start: GameState; end: GameState }[]) {
  let rus = 0;
  let ukr = 0;
  let rusKilled = 0;
  let gainedInUkraine = 0;
  let retakenInKursk = 0;
  let grouping = 0; // Russia's troops on the Ukrainian front (arrived), the change over the runs
  const front = (s: GameState, id: string) => s.fronts.find((f) => f.id === id)!;
  const troops = (s: GameState) => front(s, 'ukraine').forces.reduce((n, x) => (x.actor === 'rus' ? n + x.troops : n), 0);
  for (const { start, end } of runs) {
    const c = (id: string) => end.actors.find((a) => a.id === id)!.casualties;
    rus += c('rus').killed + c('rus').wounded + c('rus').returned;
    ukr += c('ukr').killed + c('ukr').wounded + c('ukr').returned;
    rusKilled += c('rus').killed;
    gainedInUkraine += (front(start, 'ukraine').control - front(end, 'ukraine').control) * front(end, 'ukraine').areaKm2;
    retakenInKursk += (front(end, 'kursk').control - front(start, 'kursk').control) * front(end, 'kursk').areaKm2;
    grouping += troops(end) - troops(start);
  }
  const days = runs.length * TURNS * scenario.turn_days;
  return {
    rusPerDay: rus / days,
    ukrPerDay: ukr / days,
    ratio: rus / ukr,
    killedShare: rusKilled / rus,
    gainKm2PerDay: gainedInUkraine / days,
    kurskKm2PerDay: retakenInKursk / days,
    groupingPerMonth: (grouping / days) * 30.4,
  };
}

/** Seeds 0-99 played with no new orders. */
function withoutOrders() {
  return Array.from({ length: RUNS }, (_, seed) => {
    const start = initialState(scenario, seed);
    const rng = Rng.derive(seed, 1);
    let end = start;
    for (let t = 0; t < TURNS; t++) end = apply(end, {}, rng).state; // pure: `start` stays as it was
    return { start, end };
  });
}

/** Runs 0-99 of master seed 1 as forecasts play them: `simulateRun`, every actor a heuristic bot. */
function asForecastsPlay() {
  const template = inputTemplate(scenario);
  return Array.from({ length: RUNS }, (_, i) => {
    let start: GameState | null = null;
    let end: GameState | null = null;
    simulateRun(template, 1, i, { turns: TURNS, beforeTurn: (s) => (start ??= structuredClone(s)), onTurn: (s) => (end = s) });
    return { start: start!, end: end! };
  });
}

describe('korea-russia-2024 with no new orders, first two months (100 runs)', () => {
  const r = rates(withoutOrders());

  it('Russia loses 1,000-1,500 killed and wounded a day (UK MoD: 41,980 in Oct 2024, ~1,354 a day, a war high)', () => {
    expect(r.rusPerDay).toBeGreaterThan(1_000);
    expect(r.rusPerDay).toBeLessThan(1_500);
  });

  it('Russia loses 1.25-3 times what Ukraine loses (WSJ Sep 2024: ~600k vs ~480k; US 2023: >300k vs <200k)', () => {
    expect(r.ratio).toBeGreaterThan(1.25);
    expect(r.ratio).toBeLessThan(3);
  });

  it('a third of Russian casualties are killed (WSJ Sep 2024: up to 200,000 dead of ~600,000)', () => {
    expect(r.killedShare).toBeGreaterThan(0.28);
    expect(r.killedShare).toBeLessThan(0.38);
  });

  it('Russia gains 12-20 km² a day in Ukraine (ISW/AFP Aug-Oct 2024: 15-18 km² a day)', () => {
    expect(r.gainKm2PerDay).toBeGreaterThan(12);
    expect(r.gainKm2PerDay).toBeLessThan(20);
  });

  it('Russia retakes the Kursk salient at 5-20 km² a day (from ~1,376 km² in Aug to ~1,020 km² held or contested on 14 Oct)', () => {
    expect(r.kurskKm2PerDay).toBeGreaterThan(5);
    expect(r.kurskKm2PerDay).toBeLessThan(20);
  });
});

describe('korea-russia-2024 as forecasts play it, every actor a heuristic bot, first two months (100 runs)', () => {
  const r = rates(asForecastsPlay());

  it('Russia loses 1,000-1,500 killed and wounded a day (UK MoD: ~1,354 a day in Oct 2024, a war high)', () => {
    expect(r.rusPerDay).toBeGreaterThan(1_000);
    expect(r.rusPerDay).toBeLessThan(1_500);
  });

  it('Russia loses 1.25-3 times what Ukraine loses', () => {
    expect(r.ratio).toBeGreaterThan(1.25);
    expect(r.ratio).toBeLessThan(3);
  });

  it('Russia gains 12-20 km² a day in Ukraine (ISW/AFP Aug-Oct 2024: 15-18 km² a day)', () => {
    expect(r.gainKm2PerDay).toBeGreaterThan(12);
    expect(r.gainKm2PerDay).toBeLessThan(20);
  });

  it("Russia's grouping against Ukraine grows 15,000-45,000 a month (Syrskyi: ~520,000 in Jul 2024, 690,000 planned by the end of 2024)", () => {
    expect(r.groupingPerMonth).toBeGreaterThan(15_000);
    expect(r.groupingPerMonth).toBeLessThan(45_000);
  });
});

describe('korea-russia-2024 in Kursk as forecasts play it, first four weeks (100 runs)', () => {
  // Killed and wounded a week on the Kursk front, by owner, from the turns' combat events.
  const KURSK_WEEKS = 4;
  const template = inputTemplate(scenario);
  const lost = new Map<string, number>();
  for (let i = 0; i < RUNS; i++)
    simulateRun(template, 1, i, {
      turns: KURSK_WEEKS,
      onTurn: (_, events) => {
        for (const e of events)
          if (e.type === 'combat' && e.front === 'kursk')
            for (const l of e.losses) lost.set(l.actor, (lost.get(l.actor) ?? 0) + l.killed + l.wounded);
      },
    });
  const perWeek = (actor: string) => (lost.get(actor) ?? 0) / (RUNS * KURSK_WEEKS);

  it("Russia loses 1,000-2,500 killed and wounded a week there (Syrskyi's claims: ~1,640 a week from 8 Aug to early Nov 2024, ~2,400 in its last eleven days)", () => {
    expect(perWeek('rus')).toBeGreaterThan(1_000);
    expect(perWeek('rus')).toBeLessThan(2_500);
  });

  it('North Korea, holding at first beside Russia, loses men there from the first month (it does not stand by unharmed)', () => {
    expect(perWeek('prk')).toBeGreaterThan(50);
    expect(perWeek('prk')).toBeLessThan(perWeek('rus'));
  });
});
