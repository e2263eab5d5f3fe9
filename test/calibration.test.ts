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

function run() {
  let rus = 0;
  let ukr = 0;
  let rusKilled = 0;
  let gainedInUkraine = 0;
  let retakenInKursk = 0;
  for (let seed = 0; seed < RUNS; seed++) {
    let s = initialState(scenario, seed);
    const rng = Rng.derive(seed, 1);
    const front = (id: string) => s.fronts.find((f) => f.id === id)!;
    const ukraine0 = front('ukraine').control;
    const kursk0 = front('kursk').control;
    for (let t = 0; t < TURNS; t++) s = apply(s, {}, rng).state;
    const c = (id: string) => s.actors.find((a) => a.id === id)!.casualties;
    rus += c('rus').killed + c('rus').wounded + c('rus').returned;
    ukr += c('ukr').killed + c('ukr').wounded + c('ukr').returned;
    rusKilled += c('rus').killed;
    gainedInUkraine += (ukraine0 - front('ukraine').control) * front('ukraine').areaKm2;
    retakenInKursk += (front('kursk').control - kursk0) * front('kursk').areaKm2;
  }
  const days = RUNS * TURNS * scenario.turn_days;
  return {
    rusPerDay: rus / days,
    ukrPerDay: ukr / days,
    ratio: rus / ukr,
    killedShare: rusKilled / rus,
    gainKm2PerDay: gainedInUkraine / days,
    kurskKm2PerDay: retakenInKursk / days,
  };
}

describe('korea-russia-2024 with no new orders, first two months (100 runs)', () => {
  const r = run();

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

/** The same rates as forecasts play the scenario: runs of `simulateRun`, every actor a heuristic bot. */
function botRuns() {
  const template = inputTemplate(scenario);
  let rus = 0;
  let ukr = 0;
  let gainedInUkraine = 0;
  let grouping = 0; // Russia's troops on the Ukrainian front, the change over the runs
  const troops = (s: GameState) =>
    s.fronts.find((f) => f.id === 'ukraine')!.forces.reduce((n, x) => (x.actor === 'rus' ? n + x.troops : n), 0);
  for (let i = 0; i < RUNS; i++) {
    let first: { control: number; troops: number } | null = null;
    let end: GameState | null = null;
    simulateRun(template, 1, i, {
      turns: TURNS,
      beforeTurn: (s) => {
        first ??= { control: s.fronts.find((f) => f.id === 'ukraine')!.control, troops: troops(s) };
      },
      onTurn: (s) => (end = s),
    });
    const s = end!;
    const c = (id: string) => s.actors.find((a) => a.id === id)!.casualties;
    rus += c('rus').killed + c('rus').wounded + c('rus').returned;
    ukr += c('ukr').killed + c('ukr').wounded + c('ukr').returned;
    const ukraine = s.fronts.find((f) => f.id === 'ukraine')!;
    gainedInUkraine += (first!.control - ukraine.control) * ukraine.areaKm2;
    grouping += troops(s) - first!.troops;
  }
  const days = RUNS * TURNS * scenario.turn_days;
  return { rusPerDay: rus / days, ratio: rus / ukr, gainKm2PerDay: gainedInUkraine / days, groupingPerMonth: (grouping / days) * 30.4 };
}

describe('korea-russia-2024 as forecasts play it, every actor a heuristic bot, first two months (100 runs)', () => {
  const r = botRuns();

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
