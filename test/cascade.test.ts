// The domino chain (issue 5, cascade): triggers parsed or refused with the forms they may take; who enters, when and
// why; the July 1914 chain's order and days where it unfolds (VALIDATION.md V4: Russia mobilises the day after,
// Germany declares war on Russia on day 4, the UK enters over Belgium on day 7, Italy and Romania stay out).
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
  const r: CascadeResult = runCascade({ scenario: s, trigger, runs: 150, seed: 1, after: 40 });
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

  it('unfolds in the historical order and days where the general war comes (V4, ±1 day)', () => {
    const mob = (id: string) => r.mobilisations.find((m) => m.actor === id)!;
    expect(mob('rus').days).toBe(1); // 29 July, partial
    expect(Math.abs(mob('rus').general!.days - 2)).toBeLessThanOrEqual(1); // 30 July, general
    expect(Math.abs(mob('gmy').general!.days - 4)).toBeLessThanOrEqual(1); // 1 August
    const declared = (by: string, on: string) => r.declarations.find((d) => d.by === by && d.on === on)!;
    expect(declared('gmy', 'rus').date).toBe('1914-08-01');
    expect(Math.abs(declared('gmy', 'fra').days - 6)).toBeLessThanOrEqual(1); // 3 August
    expect(entry('gmy')!.date!.p50).toBe('1914-08-01'); // Germany declares war on Russia
    expect(entry('gmy')!.because[0]).toMatch(/^red line gmy-war-on-russia/);
    expect(entry('rus')!.because[0]).toMatch(/^attacked by gmy/);
    expect(Math.abs(entry('fra')!.days! - 6)).toBeLessThanOrEqual(1); // 3 August
    expect(entry('gbr')!.date!.p50).toBe('1914-08-04');
    expect(entry('gbr')!.days).toBe(7); // the great-power cascade: 7 days
    expect(entry('gbr')!.because[0]).toMatch(/^treaty london-1839 .*\(called by bel\)/); // over Belgium
    const order = r.entries.map((e) => e.actor);
    expect(order.indexOf('gmy')).toBeLessThan(order.indexOf('gbr'));
    expect(order.indexOf('fra')).toBeLessThan(order.indexOf('gbr'));
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
