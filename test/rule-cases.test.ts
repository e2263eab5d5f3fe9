/**
 * The engine's rules as data (after Diplomacy's DATC): every `test/cases/*.case` file is a tiny game — a
 * scenario, a seed, each turn's orders — and the violations, events and final state it must produce. The
 * format is documented in test/helpers/rule-case.ts and test/cases/README.md:
 *
 *     # why: ...
 *     == SCENARIO ==        a complete scenario in YAML
 *     == SEED ==            optional integer, default 1
 *     == ORDERS turn N ==   actor -> list of orders, one section per turn played
 *     == EXPECT ==          violations (exactly), events, no_events, state and state_after (paths into
 *                           GameState), compare (relations between paths)
 *
 * One test per file; a malformed file fails naming its file and line. The second block checks the runner
 * itself: that it refuses malformed cases clearly and that a false expectation does fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaseError, parseCase, runCase } from './helpers/rule-case.ts';

const DIR = fileURLToPath(new URL('./cases/', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.case'))
  .sort();

describe('rule cases (test/cases/)', () => {
  it('has at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', (name) => {
    const c = parseCase(readFileSync(DIR + name, 'utf8'), `test/cases/${name}`);
    expect(runCase(c)).toEqual([]);
  });
});

const SCENARIO = `== SCENARIO ==
id: t
title: T
description: Two states at war over one front.
start: 2024-06-01
turn_days: 7
horizon: 4
player: red
actors:
  - {id: red, name: Red, kind: state, capabilities: {active: 1000}}
  - {id: blue, name: Blue, kind: state, capabilities: {active: 1000}}
conflicts:
  - {id: war, name: War, start: 2024-01-01, sides: [[red], [blue]]}
fronts:
  - {id: line, name: Line, conflict: war, territory: red, control: 0.5, forces: []}
`;
const WHY = '# why: a test of the runner\n';

/** The message a malformed case fails with. */
function refusal(text: string): string {
  try {
    parseCase(text, 'x.case');
  } catch (e) {
    expect(e).toBeInstanceOf(CaseError);
    return (e as Error).message;
  }
  throw new Error('the case was accepted');
}

const outcome = (text: string) => runCase(parseCase(text, 'x.case'));

describe('the rule-case format', () => {
  it('accepts a well-formed case and checks it', () => {
    const text = `${WHY}${SCENARIO}== ORDERS turn 1 ==\nred: [{type: deploy, front: line, troops: 400}]\n== EXPECT ==\nstate:\n  actors.red.pool: 600\n`;
    expect(outcome(text)).toEqual([]);
  });

  it('refuses a malformed case, naming the file and the line', () => {
    expect(refusal(`${SCENARIO}== ORDERS turn 1 ==\n== EXPECT ==\nstate: {turn: 0}\n`)).toMatch(/^x\.case:1: a case starts with a "# why/);
    expect(refusal(`${WHY}${SCENARIO}== ORDERS turn 1 ==\n== EXPECTED ==\n`)).toMatch(/^x\.case:18: unknown section "EXPECTED"/);
    expect(
      refusal(`${WHY}${SCENARIO.replace('kind: state', 'kind: empire')}== ORDERS turn 1 ==\n== EXPECT ==\nstate: {turn: 1}\n`),
    ).toMatch(/^x\.case:11:\d+: actors\[0\]\.kind: /);
    expect(
      refusal(`${WHY}${SCENARIO}== ORDERS turn 1 ==\nred: [{type: deploy, front: line, troopz: 1}]\n== EXPECT ==\nstate: {turn: 1}\n`),
    ).toMatch(/^x\.case:18:\d+: red\[0\]/);
    expect(refusal(`${WHY}${SCENARIO}== ORDERS turn 2 ==\n== ORDERS turn 1 ==\n== EXPECT ==\nstate: {turn: 2}\n`)).toMatch(
      /^x\.case:18: turn 1 comes after turn 2/,
    );
    expect(refusal(`${WHY}${SCENARIO}== ORDERS turn 1 ==\n== EXPECT ==\nevents: [{type: combat, frnt: line}]\n`)).toMatch(
      /^x\.case:19:\d+: events\[0\]\.frnt: a combat event has no field "frnt"/,
    );
    expect(refusal(`${WHY}${SCENARIO}== ORDERS turn 2 ==\n== EXPECT ==\nviolations: [{actor: red, index: 0, code: bad_amount}]\n`)).toMatch(
      /^x\.case:19:\d+: violations\[0\]: this case plays 2 turns/,
    );
    expect(refusal(`${WHY}${SCENARIO}== ORDERS turn 1 ==\n== EXPECT ==\ncompare: ["actors.red.pool >> 3"]\n`)).toMatch(
      /^x\.case:19:\d+: compare\[0\]/,
    );
  });

  it('fails a case whose expectations are false, saying where', () => {
    const text = `${WHY}${SCENARIO}== ORDERS turn 1 ==
red: [{type: deploy, front: line, troops: 5000}]
== EXPECT ==
events: [{type: deployment_ordered, actor: red}]
no_events: [{type: mobilised}, {type: deployment_ordered}]
state:
  actors.red.pool: {min: 0, max: 999}
  fronts.line.forces[actor=red]: absent
  fronts.line.forces[actor=blue]: absent
compare: ["actors.red.pool < actors.blue.pool"]
`;
    const failures = outcome(text);
    expect(failures.some((f) => /^x\.case:17: unexpected violation turn 1: red\[0\] not_enough_troops/.test(f))).toBe(true);
    expect(failures.some((f) => /^x\.case:20:\d+: events\[0\]: expected an event on any turn/.test(f))).toBe(true);
    expect(failures.some((f) => /^x\.case:23:\d+: state\.actors\.red\.pool: expected/.test(f))).toBe(true);
    expect(failures.some((f) => /^x\.case:26:\d+: compare\[0\]: "actors\.red\.pool < actors\.blue\.pool" is false/.test(f))).toBe(true);
    expect(failures).toHaveLength(4);
  });
});
