// VALIDATION.md V2: Engel's (1954) Iwo Jima model and the square law's closed form.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitByCumulativeLosses,
  fitByEndpointShooting,
  integrate,
  linearLaw,
  squareLaw,
  squareLawOutcome,
  type Reinforcement,
} from './lanchester.ts';

// Engel (1954): dM/dt = P(t) − 0.0544 N, dN/dt = −0.0106 M; 21,500 Japanese; US landings 54,000 (day 0),
// 6,000 (day 2), 13,000 (day 5).
const ENGEL = squareLaw(0.0544, 0.0106);
const LANDINGS: Reinforcement[] = [
  { day: 0, x: 54_000 },
  { day: 2, x: 6_000 },
  { day: 5, x: 13_000 },
];

// The reference trajectory (RK4, dt = 0.001 day), copied from shared/data/derived/iwo_jima_engel_reference.csv.
const reference = readFileSync(new URL('../../../test/fixtures/iwo_jima_engel_reference.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number) as [number, number, number, number, number]);

describe('Engel (1954): Iwo Jima', () => {
  const run = integrate(ENGEL, { x: 0, y: 21_500 }, 36, LANDINGS);

  it('leaves ~51,973 Americans and ~221 Japanese at day 36 (within 1 %)', () => {
    const day36 = run.days[36]!;
    expect(Math.abs(day36.x - 51_973) / 51_973).toBeLessThan(0.01);
    expect(Math.abs(day36.y - 221) / 221).toBeLessThan(0.01);
  });

  it('follows the published reference trajectory day by day (within 0.1 %)', () => {
    expect(reference).toHaveLength(37);
    for (const [day, us, jp] of reference) {
      const s = run.days[day]!;
      expect(Math.abs(s.x - us), `US day ${day}`).toBeLessThanOrEqual(Math.max(1, us * 0.001));
      expect(Math.abs(s.y - jp), `Japanese day ${day}`).toBeLessThanOrEqual(Math.max(1, jp * 0.001));
    }
  });
});

describe('square law, closed form', () => {
  it('54,000 vs 21,500 (a = 0.0544, b = 0.0106): the larger side wins with 23,317 after 61.74 days (within 0.5 %)', () => {
    const o = squareLawOutcome(0.0544, 0.0106, 54_000, 21_500);
    expect(o.winner).toBe('x');
    expect(Math.abs(o.survivors - 23_317) / 23_317).toBeLessThan(0.005);
    expect(Math.abs(o.days - 61.74) / 61.74).toBeLessThan(0.005);
  });

  it('agrees with the numerical integration', () => {
    const o = squareLawOutcome(0.0544, 0.0106, 54_000, 21_500);
    const day = Math.ceil(o.days);
    const s = integrate(ENGEL, { x: 54_000, y: 21_500 }, day).days[day]!;
    expect(s.y).toBe(0);
    expect(Math.abs(s.x - o.survivors) / o.survivors).toBeLessThan(0.002);
  });

  it('keeps b·X² − a·Y² invariant while both sides fight', () => {
    const law = squareLaw(0.02, 0.05);
    const traj = integrate(law, { x: 1000, y: 1500 }, 10).days;
    const inv = (s: { x: number; y: number }) => law.b * s.x * s.x - law.a * s.y * s.y;
    for (const s of traj) expect(inv(s)).toBeCloseTo(inv(traj[0]!), 3);
  });

  it('keeps b·X − a·Y invariant under the linear law', () => {
    const law = linearLaw(0.0002, 0.0001);
    const traj = integrate(law, { x: 1000, y: 800 }, 5).days;
    const inv = (s: { x: number; y: number }) => law.b * s.x - law.a * s.y;
    for (const s of traj) expect(inv(s)).toBeCloseTo(inv(traj[0]!), 6);
  });
});

describe('fitting the coefficients: the result depends on the loss, so each fit states its own', () => {
  // Engel's data: 73,000 landed, 51,300 left at day 35; 21,000 Japanese, none left. The daily series
  // is the model's own (the reference trajectory), as Engel summed his daily strength returns.
  const series = reference.filter(([day]) => day <= 35).map(([, us, jp]) => ({ x: us, y: jp }));

  it('cumulative losses (Engel 1954) recover ~0.0106 / ~0.0548 from X(0) = 73,000, X(35) = 51,300, Y(0) = 21,000, Y(35) = 0 (within 5 %)', () => {
    const fit = fitByCumulativeLosses(series, { landedX: 73_000, endX: 51_300, startY: 21_000, endY: 0 });
    expect(Math.abs(fit.b - 0.0106) / 0.0106).toBeLessThan(0.05);
    expect(Math.abs(fit.a - 0.0548) / 0.0548).toBeLessThan(0.05);
  });

  it('shooting to the same endpoints with the landing schedule gives other coefficients', () => {
    const fit = fitByEndpointShooting({ x: 0, y: 21_000 }, { x: 51_300, y: 0 }, 35, LANDINGS);
    expect(fit.end.x).toBeCloseTo(51_300, 0);
    expect(fit.b).toBeGreaterThan(0.0103);
    expect(fit.a).toBeGreaterThan(0.058);
  });

  it('shooting recovers the coefficients of a synthetic battle it generated itself', () => {
    const truth = squareLaw(0.03, 0.012);
    const end = integrate(truth, { x: 40_000, y: 30_000 }, 20).days[20]!;
    const fit = fitByEndpointShooting({ x: 40_000, y: 30_000 }, end, 20);
    expect(fit.a).toBeCloseTo(0.03, 4);
    expect(fit.b).toBeCloseTo(0.012, 4);
  });
});
