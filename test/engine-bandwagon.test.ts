/**
 * Granovetter (1978), "Threshold models of collective behavior": with thresholds 0, 1, ..., 99 all 100 join;
 * change the threshold of the second from 1 to 2 and only one does (docs/model.md §4). The engine's bandwagons
 * must reproduce both, scenario loaded from text like any user's.
 */
import { describe, expect, it } from 'vitest';
import { playGame } from '../src/core/engine/game.ts';
import type { Scenario } from '../src/core/model.ts';
import { scenarioFromYaml } from './helpers/scenarios.ts';

function crowd(thresholds: number[]): Scenario {
  const yaml = [
    'id: granovetter',
    'title: A riot of states',
    'description: Each joins the leader once enough others have.',
    'start: 2024-01-01',
    'turn_days: 7',
    `horizon: ${thresholds.length + 5}`,
    'player: lead',
    'actors:',
    '  - {id: lead, name: Leader, kind: state}',
    '  - {id: foe, name: Foe, kind: state}',
    ...thresholds.map(
      (k, i) =>
        `  - {id: s${i}, name: State ${i}, kind: state, bandwagon: {side_with: lead, threshold: ${k}, source: "Granovetter 1978, American Journal of Sociology 83(6)"}}`,
    ),
    'conflicts:',
    '  - {id: war, name: The war, start: 2024-01-01, sides: [[lead], [foe]]}',
    '',
  ].join('\n');
  return scenarioFromYaml(yaml, 'granovetter.yaml', { strict: true });
}

function joined(s: Scenario): number {
  const game = playGame(s, 1, [], s.horizon);
  return game.turns.at(-1)!.state.wars[0]!.sides[0].length - 1;
}

describe('bandwagon thresholds (Granovetter 1978)', () => {
  const uniform = Array.from({ length: 100 }, (_, i) => i);

  it('thresholds 0..99: all 100 join, one a turn', () => {
    const s = crowd(uniform);
    expect(joined(s)).toBe(100);
    const game = playGame(s, 1, [], 3);
    expect(game.turns[0]!.events).toContainEqual({
      type: 'bandwagon',
      actor: 's0',
      side_with: 'lead',
      war: 'war',
      joined: 0,
      threshold: 0,
    });
    expect(game.turns[1]!.events).toContainEqual(expect.objectContaining({ type: 'war_joined', actor: 's0' }));
  });

  it('the second threshold raised from 1 to 2: only one joins', () => {
    expect(joined(crowd(uniform.map((k) => (k === 1 ? 2 : k))))).toBe(1);
  });
});
