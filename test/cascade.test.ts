// The domino chain (issue 5, cascade): triggers parsed or refused with the forms they may take; who enters, when and
// why; the July 1914 chain's order and days (VALIDATION.md V4: Russia mobilises the day after, Germany declares war
// on Russia on day 4, the UK enters over Belgium on day 7, Italy and Romania stay out) and its most likely outcome.
import { describe, expect, it } from 'vitest';
import { parseTrigger, runCascade, type CascadeResult } from '../src/sim/cascade.ts';
import { yourmove } from './helpers/cli.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

describe('triggers', () => {
  const korea = loadBuiltin('korea-russia-2024');
  it('reads the forms it knows and refuses others with the list', () => {
    expect(parseTrigger(korea, 'kor deploys troops to ukr')).toMatchObject({
      actor: 'kor',
      order: { type: 'deploy', front: 'ukraine', for: 'ukr' },
    });
    expect(parseTrigger(korea, 'usa permits usa-deep-strike')).toMatchObject({
      actor: 'usa',
      order: { type: 'permit', permission: 'usa-deep-strike' },
    });
    expect(parseTrigger(korea, 'chn  declares war on   usa')).toMatchObject({ actor: 'chn', order: { type: 'declare_war', on: 'usa' } });
    expect(parseTrigger(korea, 'atlantis declares war on usa')).toEqual({
      error: '--trigger "atlantis declares war on usa": no actor "atlantis" in korea-russia-2024',
    });
    expect((parseTrigger(korea, 'rus sneezes') as { error: string }).error).toContain('expected one of: <actor> declares war on <actor>;');
  });
});

describe('cascade: July 1914', () => {
  const s = loadBuiltin('july-1914');
  const trigger = parseTrigger(s, 'aut declares war on srb');
  if ('error' in trigger) throw new Error(trigger.error);
  // No date given: the scenario's triggers date the event (28 July 1914).
  const r: CascadeResult = runCascade({ scenario: s, trigger, runs: 200, seed: 1, after: 40 });
  const entry = (id: string) => r.entries.find((e) => e.actor === id);

  it('starts on the date the scenario gives the event, with the trigger and its target', () => {
    expect(r.at).toBe('1914-07-28');
    expect(r.entries.slice(0, 2).map((e) => [e.actor, e.p, e.days])).toEqual([
      ['aut', 1, 0],
      ['srb', 1, 0],
    ]);
    expect(entry('aut')!.because[0]).toBe('the trigger: aut declares war on srb (100 %)');
    expect(entry('srb')!.because[0]).toBe('attacked by aut (100 %)');
  });

  // VALIDATION.md V4, in days after the trigger (28 July): Russia's partial mobilisation 1, general 2; Germany and
  // France mobilise and Germany declares war on Russia 4; Germany on France 6; Germany invades Belgium and the UK
  // declares war on Germany 7; Austria-Hungary on Russia 9. Each median within a day. Japan (26: 23 August) is a
  // decision with a term of one to four weeks, so its median is held to three days.
  it('unfolds in the historical order and days (V4, ±1 day)', () => {
    const mob = (id: string) => r.mobilisations.find((m) => m.actor === id)!;
    const declared = (by: string, on: string) => r.declarations.find((d) => d.by === by && d.on === on)!.days;
    const invaded = (by: string, territory: string) => r.invasions.find((d) => d.by === by && d.territory === territory)!.days;
    const days: Record<string, number> = {
      'Russia mobilises (partial)': mob('rus').days,
      'Russia mobilises (general)': mob('rus').general!.days,
      'Germany mobilises': mob('gmy').general!.days,
      'France mobilises': mob('fra').general!.days,
      'Germany declares war on Russia': declared('gmy', 'rus'),
      'Germany declares war on France': declared('gmy', 'fra'),
      'Germany invades Belgium': invaded('gmy', 'bel'),
      'the UK declares war on Germany': declared('gbr', 'gmy'),
      'Austria-Hungary declares war on Russia': declared('aut', 'rus'),
    };
    const v4 = [1, 2, 4, 4, 4, 6, 7, 7, 9];
    Object.values(days).forEach((d, i) => expect(Math.abs(d - v4[i]!), Object.keys(days)[i]).toBeLessThanOrEqual(1));
    // The order: each step no earlier than the one before it in V4, and strictly later where V4 has a later day.
    const seq = Object.values(days);
    for (let i = 1; i < seq.length; i++)
      if (v4[i]! > v4[i - 1]!) expect(seq[i], Object.keys(days)[i]).toBeGreaterThan(seq[i - 1]!);
      else expect(seq[i], Object.keys(days)[i]).toBeGreaterThanOrEqual(seq[i - 1]! - 1);
    // Japan late: weeks after the UK, near 23 August.
    expect(Math.abs(declared('jpn', 'gmy') - 26)).toBeLessThanOrEqual(3);
    expect(declared('jpn', 'gmy') - declared('gbr', 'gmy')).toBeGreaterThanOrEqual(14);
    // The great-power cascade: from the first declaration to the UK's entry, 7 days.
    expect(Math.abs(entry('gbr')!.days! - 7)).toBeLessThanOrEqual(1);
    expect(entry('gmy')!.because[0]).toMatch(/^red line gmy-war-on-russia/);
    expect(entry('rus')!.because[0]).toMatch(/^attacked by gmy/);
    // The UK enters over Belgium, and only so: its own red line on the invasion or Belgium's call under the 1839 treaty.
    for (const why of entry('gbr')!.because) expect(why).toMatch(/^(red line gbr-war-for-belgium|treaty london-1839 .*\(called by bel\))/);
  });

  it('gives the general war, with the UK in it, as the most likely outcome', () => {
    expect(r.mostLikely.belligerents).toEqual(expect.arrayContaining(['aut', 'srb', 'rus', 'gmy', 'fra', 'bel', 'gbr']));
    expect(r.mostLikely.belligerents).not.toContain('ita');
    expect(r.mostLikely.belligerents).not.toContain('rom');
    expect(r.mostLikely.belligerents).not.toContain('tur'); // the Ottoman Empire enters later still (November)
    expect(entry('gbr')!.p).toBeGreaterThan(0.5);
  });

  it('brings the Ottoman Empire in later still, in the autumn, in some runs (to the horizon, 10 November)', () => {
    const full = runCascade({ scenario: s, trigger, runs: 200, seed: 1 });
    const tur = full.entries.find((e) => e.actor === 'tur')!;
    const jpn = full.entries.find((e) => e.actor === 'jpn')!;
    expect(tur.because).toEqual(['red line tur-against-russia (100 %)']);
    expect(tur.p).toBeGreaterThan(0.1);
    expect(tur.p).toBeLessThan(0.6); // a policy, not an alliance: far from certain on 28 June
    expect(tur.days!).toBeGreaterThan(jpn.days! + 30);
    expect(tur.date!.p50 >= '1914-10-01' && tur.date!.p50 <= '1914-11-15').toBe(true);
    expect(full.stayedOut).toEqual(expect.arrayContaining(['ita', 'rom', 'usa']));
  });

  it('keeps Italy and Romania neutral in every run', () => {
    expect(entry('ita')).toBeUndefined();
    expect(entry('rom')).toBeUndefined();
    expect(r.stayedOut).toEqual(expect.arrayContaining(['ita', 'rom']));
  });

  it('draws the domino graph', () => {
    expect(r.edges.some((e) => e.from === 'bel' && e.to === 'gbr' && e.because.startsWith('treaty london-1839'))).toBe(true);
  });
});

describe('yourmove cascade', () => {
  it('prints the chain, writes JSON and refuses bad triggers and dates', () => {
    const t = yourmove(['cascade', 'korea-russia-2024', '--trigger', 'kor deploys troops to ukr', '--runs', '20', '--after', '6']);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('Cascade in korea-russia-2024 after "kor deploys troops to ukr" on 2024-11-08 (20 runs, seed 1)');
    const j = JSON.parse(
      yourmove([
        'cascade',
        'july-1914',
        '--trigger',
        'aut declares war on srb',
        '--at',
        '1914-07-28',
        '--runs',
        '30',
        '--after',
        '10',
        '--json',
      ]).stdout,
    ) as CascadeResult;
    expect(j).toMatchObject({ scenario: 'july-1914', trigger: 'aut declares war on srb', at: '1914-07-28', runs: 30 });
    expect(j.entries[0]).toMatchObject({ actor: 'aut', p: 1, date: { p50: '1914-07-28' } });
    expect(yourmove(['cascade', 'july-1914', '--trigger', 'aut sneezes']).status).toBe(2);
    expect(yourmove(['cascade', 'july-1914', '--trigger', 'aut declares war on srb', '--at', '1915-13-01']).status).toBe(2);
  });
});
