// What the built-in scenarios must contain (issue 2, SCENARIO-FACTS.md, VALIDATION.md V4), beyond being valid.
import { describe, expect, it } from 'vitest';
import { computeCinc } from '../src/core/cinc.ts';
import { central } from '../src/core/dist.ts';
import { compareDates } from '../src/core/scenario/dates.ts';
import { loadNmc } from '../src/data/nmc.ts';
import { builtinIds } from '../src/lang/builtins.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const loadStrict = (id: string) => loadBuiltin(id, { strict: true });

/**
 * Dates that describe the future on purpose: forecast deadlines, scheduled arrivals, cascade triggers (the what-if
 * events a cascade starts from; play and forecasts never read them), and dates known in advance that a red line
 * waits for (`date_reached`: an inauguration fixed by a constitution).
 */
const FORWARD = new Set(['by', 'arrives', 'in_force_from', 'triggers', 'date_reached']);

function factDates(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(node) ? [[path, node]] : [];
  if (Array.isArray(node)) return node.flatMap((n, i) => factDates(n, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) =>
      FORWARD.has(k) || (k === 'start' && path === '') ? [] : factDates(v, path ? `${path}.${k}` : k),
    );
  return [];
}

describe.each(builtinIds())('built-in %s', (id) => {
  const s = loadStrict(id);

  it('has its id as its file name and a source on every number', () => {
    expect(s.id).toBe(id);
  });

  it('states no fact dated after its start', () => {
    const late = factDates(s).filter(([, d]) => compareDates(d, s.start) > 0);
    expect(late).toEqual([]);
  });
});

describe('korea-russia-2024', () => {
  const s = loadStrict('korea-russia-2024');
  const actor = (id: string) => s.actors.find((a) => a.id === id)!;

  it('is the world on 8 Nov 2024 in weekly turns, played by NATO', () => {
    expect(s).toMatchObject({ start: '2024-11-08', turn_days: 7, player: 'nato' });
    expect(s.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['rus', 'ukr', 'prk', 'kor', 'chn', 'usa', 'nato']));
    expect(actor('nato')).toMatchObject({ kind: 'bloc', members: expect.arrayContaining(['usa']) });
  });

  it('has every question and metric the product relies on', () => {
    const questions = [
      'prk_troops_in_combat',
      'chn_enters_war',
      'kor_sends_troops',
      'kor_arms_to_ukr',
      'nato_direct_combat',
      'rus_prk_treaty_invoked',
      'ceasefire',
      'nuclear_use',
      'kursk_recaptured',
    ];
    expect(s.questions!.map((q) => q.id)).toEqual(expect.arrayContaining(questions));
    expect(s.metrics!.map((m) => m.id)).toEqual(expect.arrayContaining(['prk_casualties', 'rus_casualties', 'ukr_casualties', 'max_rung']));
  });

  it('binds the four treaties with the strengths of their texts (docs/model.md §4)', () => {
    const strength = (t: string) => s.treaties!.find((x) => x.id === t)!.obligations.find((o) => o.type === 'defense')!.strength;
    expect(strength('rus-prk-2024')).toBe('all_means');
    expect(strength('chn-prk-1961')).toBe('all_means');
    expect(strength('nato-1949')).toBe('as_deemed_necessary');
    expect(strength('us-rok-1953')).toBe('constitutional_processes');
    expect(s.treaties!.find((x) => x.id === 'rus-prk-2024')!.status).not.toBe('in_force');
  });

  it('puts 10,000-12,000 North Korean troops in Kursk, covertly, fighting for Russia', () => {
    const kursk = s.fronts!.find((f) => f.id === 'kursk')!;
    expect(kursk.territory).toBe('rus');
    const prk = kursk.forces.find((d) => d.actor === 'prk')!;
    expect(prk).toMatchObject({ for: 'rus', covert: true });
    expect(central(prk.troops)).toBeGreaterThanOrEqual(10_000);
    expect(central(prk.troops)).toBeLessThanOrEqual(12_000);
  });

  it("has North Korea's munitions, China's dual-use supply and the deep-strike ban", () => {
    expect(s.transfers!.filter((t) => t.from === 'prk' && t.to === 'rus').map((t) => t.kind)).toEqual(
      expect.arrayContaining(['munitions', 'weapons']),
    );
    expect(
      s.transfers!.filter((t) => t.from === 'chn' && t.to === 'rus').every((t) => t.kind === 'dual_use' && t.offensive === false),
    ).toBe(true);
    expect(s.permissions!.find((p) => p.id === 'usa-deep-strike')!.allowed).toMatchObject({ value: false });
  });

  it("states South Korea's conditions as red lines tied to North Korea's activity", () => {
    const kor = s.red_lines!.filter((r) => r.holder === 'kor');
    expect(kor.length).toBeGreaterThanOrEqual(2);
    expect(kor.every((r) => JSON.stringify(r.when).includes('"prk"'))).toBe(true);
  });

  it('makes disputed figures uncertain rather than picking one', () => {
    const isDist = (n: unknown) => typeof n === 'object' && n !== null && 'dist' in n;
    expect(isDist(actor('ukr').capabilities!.active)).toBe(true);
    expect(isDist(s.transfers!.find((t) => t.id === 'prk-shells')!.amount)).toBe(true);
    expect(isDist(s.fronts!.find((f) => f.id === 'kursk')!.control)).toBe(true);
  });
});

describe('capability figures agree with the Correlates of War data they cite', () => {
  const rows = loadNmc();
  it.each([
    ['july-1914', 1914, 1e-4],
    ['korea-russia-2024', 2016, 1e-6],
  ] as const)('%s: every actor CINC matches NMC v6.0 for %i', (id, year, tolerance) => {
    const cinc = computeCinc(rows, year);
    const actors = loadStrict(id).actors.filter((a) => a.cow && a.capabilities?.cinc !== undefined);
    expect(actors.length).toBeGreaterThanOrEqual(5);
    for (const a of actors) {
      const computed = cinc.get(a.cow!)?.cinc;
      expect(computed, `${a.id} (${a.cow})`).toBeDefined();
      expect(Math.abs(central(a.capabilities!.cinc!) - computed!), `${a.id} (${a.cow})`).toBeLessThanOrEqual(tolerance);
    }
  });
});
