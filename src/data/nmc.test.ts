import { describe, expect, it } from 'vitest';
import { computeCinc, type NmcRow } from '../core/cinc.ts';
import { central } from '../core/dist.ts';
import { findScenario, loadScenarioFile } from '../lang/builtins.ts';
import { fillCapabilities, loadNmc } from './nmc.ts';

describe('CINC (VALIDATION.md V1)', () => {
  const rows = loadNmc();
  const cinc2016 = computeCinc(rows, 2016);

  // Published NMC v6.0 values for 2016; North Korea's milex is missing, so its CINC is the mean of five shares.
  it.each([
    ['USA', 0.13305758],
    ['CHN', 0.23061772],
    ['RUS', 0.036472768],
    ['ROK', 0.023262169],
    ['PRK', 0.013444724],
  ])('%s 2016 = %f to 1e-6', (state, expected) => {
    expect(cinc2016.get(state)?.cinc).toBeCloseTo(expected, 6);
    expect(Math.abs(cinc2016.get(state)!.cinc - expected)).toBeLessThan(1e-6);
  });

  it('averages only the components present', () => {
    const prk = cinc2016.get('PRK')!;
    expect(prk.shares.milex).toBeNull();
    const present = Object.values(prk.shares).filter((s): s is number => s !== null);
    expect(present).toHaveLength(5);
    expect(prk.cinc).toBeCloseTo(present.reduce((a, b) => a + b) / 5, 12);
  });

  it('shares of each component sum to 1 over the states of a year', () => {
    const sum = [...cinc2016.values()].reduce((a, r) => a + (r.shares.tpop ?? 0), 0);
    expect(sum).toBeCloseTo(1, 9);
  });

  it('reproduces the published CINC of every state-year of 1914 (VALIDATION.md V4 table)', () => {
    const cinc1914 = computeCinc(rows, 1914);
    const v4: [string, number][] = [
      ['UKG', 0.1379],
      ['FRN', 0.0747],
      ['RUS', 0.1108],
      ['GMY', 0.1582],
      ['AUH', 0.0682],
      ['ITA', 0.0257],
      ['YUG', 0.0019],
      ['BEL', 0.0117],
      ['TUR', 0.0121],
      ['JPN', 0.0316],
      ['USA', 0.2064],
      ['ROM', 0.0057],
    ];
    for (const [state, expected] of v4) expect(cinc1914.get(state)?.cinc, state).toBeCloseTo(expected, 4);
  });

  it('agrees with the published cinc column across the whole data set to 1e-6', () => {
    const years = [...new Set(rows.map((r) => r.year))];
    let worst = 0;
    for (const y of years)
      for (const [state, r] of computeCinc(rows, y)) {
        const published = rows.find((x) => x.year === y && x.stateabb === state)?.cinc;
        if (published != null) worst = Math.max(worst, Math.abs(r.cinc - published));
      }
    expect(worst).toBeLessThan(1e-6);
  });

  it('handles a year with a component missing for every state', () => {
    const row = (stateabb: string, milex: number | null, tpop: number): NmcRow => ({
      stateabb,
      ccode: 1,
      year: 1,
      cinc: null,
      components: { milex, milper: null, irst: null, pec: null, tpop, upop: null },
    });
    const r = computeCinc([row('A', 1, 3), row('B', null, 1)], 1);
    expect(r.get('A')!.cinc).toBeCloseTo((1 + 0.75) / 2, 12);
    expect(r.get('B')!.cinc).toBeCloseTo(0.25, 12);
  });
});

describe('fillCapabilities', () => {
  const base = loadScenarioFile(findScenario('korea-russia-2024')!);
  if (!base.ok) throw new Error('korea-russia-2024 must load');

  it('fills CINC, active forces and population for actors with a COW code, keeping what the scenario gives', () => {
    const stripped = {
      ...base.scenario,
      actors: base.scenario.actors.map((a) => (a.id === 'prk' ? { ...a, capabilities: { active: 1_280_000 } } : a)),
    };
    const { scenario, filled, missing } = fillCapabilities(stripped, loadNmc(), 2016);
    const prk = scenario.actors.find((a) => a.id === 'prk')!;
    expect(prk.capabilities?.active).toBe(1_280_000);
    expect(prk.capabilities?.cinc).toMatchObject({ source: expect.stringContaining('2016') });
    expect(central(prk.capabilities!.cinc!)).toBeCloseTo(0.013444724, 8);
    expect(central(prk.capabilities!.population!)).toBe(25_369_000);
    expect(filled.filter((f) => f.actor === 'prk').map((f) => f.field)).toEqual(['cinc', 'population']);
    expect(filled.some((f) => f.actor === 'rus')).toBe(false);
    expect(missing).toEqual([]);
  });

  it('lists actors whose state has no row in the year', () => {
    const { missing } = fillCapabilities(base.scenario, loadNmc(), 1850);
    expect(missing).toEqual(expect.arrayContaining(['prk', 'kor', 'ukr']));
    expect(missing).not.toContain('rus');
  });
});
