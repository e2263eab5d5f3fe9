// The domino chain (issue 5, cascade): triggers parsed or refused with the forms they may take; who enters, when and
// why; the July 1914 chain's order and days (VALIDATION.md V4: Russia mobilises the day after, Germany declares war
// on Russia on day 4, the UK enters over Belgium on day 7, Italy and Romania stay out) and its most likely outcome.
import { describe, expect, it } from 'vitest';
import type { Event, TurnOrders } from '../src/core/engine/orders.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { inputTemplate } from '../src/core/forecast/inputs.ts';
import type { Id, Scenario } from '../src/core/model.ts';
import { toDay } from '../src/core/scenario/dates.ts';
import { parseTrigger, runCascade, type CascadeResult, type Trigger } from '../src/sim/cascade.ts';
import { simulateRun } from '../src/sim/run.ts';
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

// Issue 13: every line of a cascade is something that happened in its runs, dated by the turn it happened — an
// invasion is an invasion order that opened a front, not reinforcements reaching a front on enemy soil. Run 0 of
// seed k is what a cascade of one run with seed k plays: it is played again here, and each line of that cascade is
// checked against the run's own events and wars.
describe('cascade: each line is an event of its runs, on its turn (issue 13)', () => {
  interface Played {
    /** Per turn t (1..), the events of turn t. */
    events: Event[][];
    /** Per turn t (0: the start), the active wars after it, as [side 0, side 1]. */
    wars: Id[][][][];
  }

  function replay(s: Scenario, trigger: Trigger, seed: number, triggerTurn: number, turns: number): Played {
    const played: Played = { events: [[]], wars: [] };
    const wars = (state: GameState) => state.wars.filter((w) => w.active).map((w) => w.sides.map((side) => [...side]));
    const script: TurnOrders[] = [];
    script[triggerTurn - 1] = { [trigger.actor]: [trigger.order] };
    simulateRun(inputTemplate(s), seed, 0, {
      turns,
      script,
      beforeTurn: (state) => {
        if (state.turn === 0) played.wars.push(wars(state));
      },
      onTurn: (state, events) => {
        played.events.push([...events]);
        played.wars.push(wars(state));
      },
    });
    return played;
  }

  const parties = (wars: Id[][][]) => new Set(wars.flatMap((w) => w.flat()));
  const enemies = (wars: Id[][][], a: Id, b: Id) =>
    wars.some(([x, y]) => (x!.includes(a) && y!.includes(b)) || (x!.includes(b) && y!.includes(a)));
  const byKey = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

  function check(id: string, text: string, seeds: number, after?: number): CascadeResult[] {
    const s = loadBuiltin(id);
    const trigger = parseTrigger(s, text);
    if ('error' in trigger) throw new Error(trigger.error);
    const results: CascadeResult[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const r = runCascade({ scenario: s, trigger, runs: 1, seed, ...(after === undefined ? {} : { after }) });
      results.push(r);
      const triggerTurn = (toDay(r.at) - toDay(s.start)) / s.turn_days + 1;
      const turns = Math.min(s.horizon, triggerTurn - 1 + (after ?? s.horizon));
      const run = replay(s, trigger, seed, triggerTurn, turns);
      const turnOf = (days: number) => triggerTurn + days / s.turn_days;
      const since = (t: number) => t >= triggerTurn && t <= turns;
      const at = `${id}, seed ${seed}`;
      const firsts = <E extends Event>(pick: (e: Event) => e is E, key: (e: E) => string) => {
        const out = new Map<string, number>();
        run.events.forEach((list, t) => {
          if (since(t)) for (const e of list) if (pick(e) && !out.has(key(e))) out.set(key(e), t);
        });
        return out;
      };

      // Invasions: the fronts invasions opened, each on the turn it opened; the invader at war with the owner then.
      const opened = firsts(
        (e): e is Extract<Event, { type: 'front_opened' }> => e.type === 'front_opened',
        (e) => `${e.by}>${e.territory}`,
      );
      expect(byKey(r.invasions.map((x) => [x.by, x.territory, turnOf(x.days)])), at).toEqual(
        byKey([...opened].map(([k, t]) => [...k.split('>'), t])),
      );
      for (const x of r.invasions) {
        expect(r.runs === 1 && x.p === 1, at).toBe(true);
        expect(enemies(run.wars[turnOf(x.days)]!, x.by, x.territory), `${at}: ${x.by} at war with ${x.territory}`).toBe(true);
      }

      // Declarations: the first of each pair, on its turn.
      const declarations = firsts(
        (e): e is Extract<Event, { type: 'war_declared' }> => e.type === 'war_declared',
        (e) => `${e.actor}>${e.on}`,
      );
      expect(byKey(r.declarations.map((d) => [d.by, d.on, turnOf(d.days)])), at).toEqual(
        byKey([...declarations].map(([k, t]) => [...k.split('>'), t])),
      );

      // Entries: each actor not at war when the trigger came, on the first turn it is a party to a war, an event of
      // that turn naming it, for the reason given.
      const before = parties(run.wars[triggerTurn - 1]!);
      const expected: [Id, number][] = [];
      for (const a of s.actors) {
        if (before.has(a.id)) continue;
        const t = run.wars.findIndex((w, k) => since(k) && parties(w).has(a.id));
        if (t !== -1) expected.push([a.id, t]);
      }
      expect(byKey(r.entries.map((e) => [e.actor, turnOf(e.days!)])), at).toEqual(byKey(expected));
      for (const e of r.entries) {
        const t = turnOf(e.days!);
        const now = run.events[t]!;
        const earlier = run.events.slice(0, t).flat();
        const why = e.because[0]!.replace(/ \(100 %\)$/, '');
        const what = `${at}: ${e.actor} on turn ${t}, ${why}`;
        // The event that made it a party: the first of the turn's declarations by or on it, or its joining a war.
        const k = now.findIndex(
          (x) =>
            (x.type === 'war_declared' && (x.actor === e.actor || x.on === e.actor)) || (x.type === 'war_joined' && x.actor === e.actor),
        );
        const entering = now[k]!;
        const called = now
          .slice(0, k)
          .find(
            (x) =>
              x.type === 'call_answered' && x.actor === e.actor && x.answer === 'honour' && 'war' in entering && x.war === entering.war,
          );
        const ownAct = entering.type === 'war_joined' || (entering.type === 'war_declared' && entering.actor === e.actor);
        let m: RegExpExecArray | null;
        if ((m = /^attacked by (\S+)$/.exec(why))) expect(entering, what).toMatchObject({ type: 'war_declared', actor: m[1], on: e.actor });
        else if ((m = /^treaty (\S+) .*\(called by (\S+)\)$/.exec(why))) {
          expect(entering.type, what).toBe('war_joined');
          expect(called, what).toMatchObject({ treaty: m[1], protects: m[2] });
        } else {
          expect(ownAct && called === undefined, what).toBe(true);
          const r = /^red line (\S+)$/.exec(why)?.[1];
          if (r !== undefined)
            expect(
              earlier.some(
                (x) =>
                  (x.type === 'red_line_crossed' || x.type === 'red_line_reconsidered') &&
                  x.redLine === r &&
                  x.holder === e.actor &&
                  x.acts,
              ),
              what,
            ).toBe(true);
          else if (why.startsWith('the trigger: ')) expect(t === triggerTurn && e.actor === trigger.actor, what).toBe(true);
          else if (why === 'bandwagon')
            expect(
              earlier.some((x) => x.type === 'bandwagon' && x.actor === e.actor),
              what,
            ).toBe(true);
          else expect(why, what).toBe('its own choice');
        }
      }

      // Mobilisations: a step up to partial or general mobilisation on the turn given, and the general one on its own.
      const mobilised = (actor: Id, t: number, levels: string[]) =>
        run.events[t]!.some((x) => x.type === 'mobilised' && x.actor === actor && levels.includes(x.level));
      for (const m of r.mobilisations) {
        expect(mobilised(m.actor, turnOf(m.days), ['partial', 'general']), `${at}: ${m.actor} mobilises`).toBe(true);
        if (m.general) expect(mobilised(m.actor, turnOf(m.general.days), ['general']), `${at}: ${m.actor} mobilises generally`).toBe(true);
      }

      // No one at war in no turn of the run is listed as at war, entering, declaring or invading.
      const ever = new Set(run.wars.flatMap((w) => [...parties(w)]));
      for (const x of [...r.mostLikely.belligerents, ...r.entries.map((e) => e.actor), ...r.invasions.map((v) => v.by)])
        expect(ever.has(x), `${at}: ${x} was at war`).toBe(true);
      expect(
        r.stayedOut.filter((x) => ever.has(x)),
        at,
      ).toEqual([]);
    }
    return results;
  }

  it('Russia on Poland: no invasion of Ukraine, whose front Russian reinforcements reach; NATO honours Art. 5 on its day', () => {
    const results = check('korea-russia-2024', 'rus declares war on pol', 8, 8);
    for (const r of results) expect(r.invasions.filter((x) => x.territory === 'ukr')).toEqual([]);
    expect(results.some((r) => r.entries.some((e) => e.because[0]!.startsWith('treaty nato-1949')))).toBe(true);
  });

  it('July 1914: Germany into Belgium on the day its invasion opens the front; no one else into Belgium', () => {
    const results = check('july-1914', 'aut declares war on srb', 8, 12);
    expect(results.some((r) => r.invasions.some((x) => x.by === 'gmy' && x.territory === 'bel'))).toBe(true);
    for (const r of results) expect(r.invasions.filter((x) => x.by !== 'gmy')).toEqual([]);
  });

  it('the tutorial: a declaration on Greenland is no invasion of Blueland by Redland, at war there from the start', () => {
    check('tutorial', 'red invades grn', 5);
  });

  it('many runs of Russia on Poland: no invasion of Ukraine; every invader at war', () => {
    const s = loadBuiltin('korea-russia-2024');
    const trigger = parseTrigger(s, 'rus declares war on pol');
    if ('error' in trigger) throw new Error(trigger.error);
    const r = runCascade({ scenario: s, trigger, runs: 40, seed: 1, after: 8 });
    expect(r.invasions.find((x) => x.by === 'rus' && x.territory === 'ukr')).toBeUndefined();
    const atWar = new Set([...r.entries.map((e) => e.actor), ...r.mostLikely.belligerents, 'rus', 'ukr']);
    for (const x of r.invasions) expect(atWar.has(x.by), x.by).toBe(true);
    expect(r.entries[0]).toMatchObject({ actor: 'pol', p: 1, days: 0, because: ['attacked by rus (100 %)'] });
    // Poland's allies answering Art. 5 do not attack Russia (collective self-defence, Art. 51): the Russia–DPRK Art. 4
    // does not call North Korea against Poland, though some allies declare war on Russia.
    expect(r.declarations.some((d) => d.by !== 'rus' && d.on === 'rus')).toBe(true);
    expect(r.declarations.find((d) => d.by === 'prk' && d.on === 'pol')).toBeUndefined();
  });
});

describe('cascade: the answers a trigger draws (issue 14)', () => {
  it("a South Korean deployment to Ukraine draws Russia's answer (arms for North Korea) more often than without it", () => {
    const s = loadBuiltin('korea-russia-2024');
    const trigger = parseTrigger(s, 'kor deploys troops to ukr');
    if ('error' in trigger) throw new Error(trigger.error);
    const r = runCascade({ scenario: s, trigger, runs: 60, seed: 1, after: 10 });
    const answer = r.responses.find((x) => x.redLine === 'rus-answers-kor')!;
    // Without the deployment Russia answers only South Korea's own arms (its red line, 0.3-0.7 once North Korea
    // fights); with it, at once, on the likelihood of Putin's threat (0.4-0.8).
    expect(answer).toMatchObject({ holder: 'rus', days: 7 });
    expect(answer.p).toBeGreaterThan(answer.baseline + 0.1);
    // Lines the trigger does not touch are acted on as often with it as without (the same runs, the same draws).
    const same = r.responses.find((x) => x.redLine === 'usa-co-belligerent')!;
    expect(same.p).toBe(same.baseline);
    // South Korea's troops fight without a declaration of war: the cascade says so, and not that it stayed out.
    expect(r.fighting.find((f) => f.actor === 'kor')).toMatchObject({ p: 1, baseline: 0, days: 7 });
    expect(r.stayedOut).not.toContain('kor');
    // What no rule can bring about even after the trigger is said, not left out: no rule reaches nuclear use.
    expect(r.limits.map((l) => l.question)).toContain('nuclear_use');
    expect(r.limits.map((l) => l.question)).not.toContain('kor_sends_troops');
    // North Korea's entry (Art. 4, for Kursk) comes without the trigger too: the cascade says so, it is no domino.
    const prk = r.entries.find((e) => e.actor === 'prk')!;
    expect(prk.baseline).toBeGreaterThan(0.5);
    expect(Math.abs(prk.p - prk.baseline)).toBeLessThan(0.15);
  });
});

describe('cascade: entry by bandwagon in the default scenario (issue 14)', () => {
  it('France at war with Russia brings Poland in the week after (its threshold is one ally beside Ukraine), and not without', () => {
    const s = loadBuiltin('korea-russia-2024');
    const trigger = parseTrigger(s, 'fra declares war on rus');
    if ('error' in trigger) throw new Error(trigger.error);
    const r = runCascade({ scenario: s, trigger, runs: 20, seed: 1, after: 4 });
    expect(r.entries.find((e) => e.actor === 'pol')).toMatchObject({ p: 1, baseline: 0, days: 7, because: ['bandwagon (100 %)'] });
  });
});

describe('cascade: an attack on a NATO member’s territory (issue 14)', () => {
  it('Russia invades Poland: the US garrison makes the US a belligerent at once; most allies honour Art. 5 in most runs, with reasons', () => {
    const s = loadBuiltin('korea-russia-2024');
    const trigger = parseTrigger(s, 'rus invades pol');
    if ('error' in trigger) throw new Error(trigger.error);
    expect(trigger.order).toMatchObject({ type: 'invade', territory: 'pol', troops: 56_500 });
    const r = runCascade({ scenario: s, trigger, runs: 100, seed: 1, after: 12 });
    expect(r.invasions).toContainEqual(expect.objectContaining({ by: 'rus', territory: 'pol', p: 1, days: 0 }));
    expect(r.entries.find((e) => e.actor === 'usa')).toMatchObject({
      p: 1,
      days: 0,
      because: ['its garrison in pol attacked (trip-wire) (100 %)'],
    });
    // The UK, France and Germany: each called for Poland (Art. 5) and for the US forces attacked (Art. 6).
    for (const ally of ['gbr', 'fra', 'deu']) {
      const e = r.entries.find((x) => x.actor === ally)!;
      expect(e.p, ally).toBeGreaterThan(0.6);
      expect(e.because[0], ally).toMatch(/^treaty nato-1949 Art\. [56] \(called by (pol|usa)\)/);
    }
  });
});
