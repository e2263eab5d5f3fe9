// Orders files (`yourmove play --orders FILE`, src/lang/orders-file.ts): a player's file orders the player and, for a
// bloc, its members, never anyone else; every problem is located at the order or the key to fix; keys that name a
// JavaScript object's prototype machinery are refused rather than dropped. The umpire's scripts may order anyone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/lang/load.ts';
import { loadOrdersText, type OrdersFileOptions } from '../src/lang/orders-file.ts';
import { yourmove } from './helpers/cli.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const korea = loadBuiltin('korea-russia-2024');

/** The problems as `line:col: path: message`, or the orders when the file is accepted. */
function read(lines: string[], player = 'nato', options: OrdersFileOptions = {}, turns = 4) {
  const r = loadOrdersText(lines.join('\n') + '\n', 'o.yaml', korea, player, turns, options);
  return r.ok ? { orders: r.orders } : { problems: r.problems.map((p) => formatProblem(p).slice('o.yaml:'.length)) };
}

describe("a player's orders file", () => {
  it('orders the player with a list, and a bloc player its members by name', () => {
    const r = read([
      '1: [{ type: pass }]',
      '2:',
      '  usa: [{ type: nuclear_signal, level: raised }]',
      '  pol: [{ type: mobilise, level: partial }]',
    ]);
    expect(r).toEqual({
      orders: [
        { nato: [{ type: 'pass' }] },
        { usa: [{ type: 'nuclear_signal', level: 'raised' }], pol: [{ type: 'mobilise', level: 'partial' }] },
        {},
        {},
      ],
    });
  });

  it("refuses, at the actor's key, an actor that is not the player's: as NATO, Russia's troops or Ukraine's", () => {
    const r = read([
      '1:',
      '  rus: [{ type: deploy, front: kursk, troops: 5000 }]',
      '  usa: [{ type: declare_war, on: rus }]',
      '3:',
      '  ukr: [{ type: deploy, front: kursk, troops: 5000 }]',
    ]);
    const whom = 'an orders file for "nato" orders "nato" and its members (usa, gbr, fra, deu, pol)';
    expect(r).toEqual({
      problems: [`2:3: 1.rus: "rus" is not the player's to order: ${whom}`, `5:3: 3.ukr: "ukr" is not the player's to order: ${whom}`],
    });
  });

  it("a state's file orders the state alone: not its allies, nor the bloc it belongs to", () => {
    const r = read(['1:', '  usa: [{ type: pass }]', '  nato: [{ type: pass }]', '  ukr: [{ type: pass }]'], 'ukr');
    const whom = 'an orders file for "ukr" orders "ukr" alone';
    expect(r).toEqual({
      problems: [`2:3: 1.usa: "usa" is not the player's to order: ${whom}`, `3:3: 1.nato: "nato" is not the player's to order: ${whom}`],
    });
  });

  it('for every player of the default scenario, exactly itself and its members', () => {
    for (const player of korea.actors) {
      const mine = new Set([player.id, ...(player.members ?? [])]);
      for (const actor of korea.actors) {
        const r = read(['1:', `  ${actor.id}: [{ type: pass }]`], player.id);
        expect('orders' in r, `${player.id} ordering ${actor.id}`).toBe(mine.has(actor.id));
      }
    }
  });

  it('an umpire’s script may order anyone', () => {
    const r = read(['1:', '  rus: [{ type: deploy, front: kursk, troops: 5000 }]', '  ukr: [{ type: pass }]'], 'nato', { umpire: true });
    expect(r).toEqual({ orders: [{ rus: [{ type: 'deploy', front: 'kursk', troops: 5000 }], ukr: [{ type: 'pass' }] }, {}, {}, {}] });
    // Unknown actors are unknown to the umpire too.
    expect(read(['1:', '  atlantis: [{ type: pass }]'], 'nato', { umpire: true })).toEqual({
      problems: ['2:3: 1.atlantis: unknown actor "atlantis"'],
    });
  });
});

describe('problems are located at the order or the key to fix', () => {
  it('a missing type at the order itself, in a list and under an actor (it was reported at the turn key)', () => {
    expect(read(['1:', '  - { front: kursk, troops: 10 }'])).toEqual({ problems: ['2:5: 1[0].type: missing required field "type"'] });
    expect(read(['2:', '  usa:', '    - { type: pass }', '    - { front: kursk }'])).toEqual({
      problems: ['4:7: 2.usa[1].type: missing required field "type"'],
    });
  });

  it('an unknown order type at its value, an unknown field at its key, a wrong type at its value', () => {
    const r = read(['1: [{ type: surrender }]', '2: [{ type: pass, colour: red }]', '3: [{ type: deploy, front: kursk, troops: many }]']);
    expect(r.problems).toHaveLength(3);
    expect(r.problems![0]).toMatch(/^1:13: 1\[0\]\.type: expected one of "pass", "mobilise", .*, got the text "surrender"$/);
    expect(r.problems!.slice(1)).toEqual([
      '2:19: 2[0].colour: unknown field "colour"',
      '3:43: 3[0].troops: expected a number, got the text "many"',
    ]);
  });

  it('every problem of the file at once, in file order', () => {
    const r = read(['x: [{ type: pass }]', '9: [{ type: pass }]', '2: 5', '3:', '  rus: [{ front: kursk }]']);
    expect(r).toEqual({
      problems: [
        '1:1: x: invalid key: a key is a turn number: 1, 2, 3, ...',
        '2:1: 9: turn 9 is beyond the 4 turns played (raise --turns)',
        '3:4: 2: expected a list of orders or a mapping from actor to orders, got number 5',
        `5:3: 3.rus: "rus" is not the player's to order: an orders file for "nato" orders "nato" and its members (usa, gbr, fra, deu, pol)`,
        '5:9: 3.rus[0].type: missing required field "type"',
      ],
    });
  });

  it('a file that is not a mapping of turns', () => {
    expect(read(['- { type: pass }'])).toEqual({
      problems: ['1:1: (file): an orders file is a mapping from turn number to orders, got a list'],
    });
  });

  it('numbers beyond the language’s bounds (persons 1e11, amounts 1e12)', () => {
    const r = read([
      '1:',
      '  - { type: deploy, front: kursk, troops: 1e12 }',
      '  - { type: transfer, to: ukr, kind: money, amount: 1e300, unit: USD bn }',
    ]);
    expect(r).toEqual({
      problems: [
        '2:43: 1[0].troops: must be <= 100000000000, got 1000000000000',
        '3:53: 1[1].amount: must be <= 1000000000000, got 1e+300',
      ],
    });
  });
});

describe('keys that name prototype machinery are refused, never dropped', () => {
  const message = (k: string) => `the key "${k}" is refused: it names a JavaScript object's prototype machinery, not data`;

  it('as an actor: `__proto__` orders were silently dropped, `constructor` read as an inherited member', () => {
    expect(read(['1:', '  __proto__: [{ type: declare_war, on: rus }]'])).toEqual({
      problems: [`2:3: 1.__proto__: ${message('__proto__')}`],
    });
    expect(read(['1:', '  constructor: [{ type: pass }]'])).toEqual({ problems: [`2:3: 1.constructor: ${message('constructor')}`] });
  });

  it('as a turn, inside an order, in JSON', () => {
    expect(read(['__proto__: [{ type: pass }]'])).toEqual({ problems: [`1:1: __proto__: ${message('__proto__')}`] });
    expect(read(['1: [{ type: pass, prototype: 1 }]'])).toEqual({ problems: [`1:19: 1[0].prototype: ${message('prototype')}`] });
    expect(read(['{"1": {"__proto__": [{"type": "pass"}]}}'])).toEqual({ problems: [`1:8: 1.__proto__: ${message('__proto__')}`] });
  });
});

describe('yourmove play --orders', () => {
  it("keeps the player's restriction: as NATO, a file that moves Russia's troops is refused (exit 1)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'orders.yaml');
    writeFileSync(
      file,
      ['1:', '  usa: [{ type: nuclear_signal, level: raised }]', '  rus: [{ type: withdraw, front: kursk, troops: 1000 }]', ''].join('\n'),
    );
    const r = yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', file, '--turns', '2', '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `${file}:3:3: 1.rus: "rus" is not the player's to order: an orders file for "nato" orders "nato" and its members (usa, gbr, fra, deu, pol)`,
      `yourmove: ${file}: 1 problem`,
      '',
    ]);
  });
});
