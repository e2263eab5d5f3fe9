// Golden playthroughs (after OpenSpiel's): a scripted game per built-in scenario, its umpire's turn reports
// compared with a committed text file a person has read. A rule change that alters any outcome shows up
// here as a readable diff. Regenerate: UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { turnReport } from '../src/cli/report.ts';
import { playGame, turnMetrics } from '../src/core/engine/game.ts';
import type { TurnOrders } from '../src/core/engine/orders.ts';
import { builtinIds, PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { loadBuiltin } from './helpers/scenarios.ts';
import { loadOrdersText } from '../src/lang/orders-file.ts';
import { stringify } from 'yaml';

const dir = join(PACKAGE_ROOT, 'test', 'golden');
const scripts = parse(readFileSync(join(dir, 'scripts.yaml'), 'utf8')) as Record<string, { seed: number; turns: Record<string, unknown> }>;

describe.each(builtinIds())('golden playthrough: %s', (id) => {
  it('plays its script to the committed report', () => {
    const script = scripts[id];
    expect(script, `test/golden/scripts.yaml has no script for ${id}`).toBeDefined();
    const s = loadBuiltin(id);
    const turns = Object.keys(script!.turns).length;
    const orders = loadOrdersText(stringify(script!.turns), `${id} script`, s, s.player, turns, { umpire: true }); // the umpire's script orders anyone
    if (!orders.ok) throw new Error(orders.problems.map((p) => p.message).join('\n'));
    const game = playGame(s, script!.seed, orders.orders as TurnOrders[], turns);
    const text =
      `# ${id}, seed ${script!.seed}: the umpire's reports\n\n` +
      game.turns
        .map((t) => {
          const m = turnMetrics(t.state);
          const casualties = Object.entries(m.casualties)
            .map(([a, c]) => `${a} ${c.all}`)
            .join(', ');
          return (
            turnReport(s, 'umpire', t.state.turn, t.state.date, t.events, t.violations) +
            `  [casualties so far: ${casualties || 'none'}; max rung ${m.maxRung}]\n`
          );
        })
        .join('\n');
    const file = join(dir, `${id}.txt`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
