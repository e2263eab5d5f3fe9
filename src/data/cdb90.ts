/**
 * Loader for CDB90 (datasets/cdb90/), the battle database the battle resolver is calibrated and validated on.
 * Uses the original wide layout, whose `WINA` keeps the attacker-lost outcome the tidy files blank.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BattleRecord } from '../core/engine/battle.ts';
import { PACKAGE_ROOT } from '../lang/builtins.ts';

export const CDB90_FILE = join(PACKAGE_ROOT, 'datasets', 'cdb90', 'CDB90-patched-original-columns.csv');

const OUTCOME: Record<string, BattleRecord['outcome']> = { '1': 'attacker', '-1': 'defender', '0': 'draw' };

/** Every battle with both strengths known; casualties are `null` where missing. */
export function loadCdb90(file: string = CDB90_FILE): BattleRecord[] {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const num = (v: string | undefined) => {
    const x = Number(v);
    return v === undefined || v.trim() === '' || !Number.isFinite(x) || x < 0 ? null : x;
  };
  const out: BattleRecord[] = [];
  for (const r of records) {
    const attackers = num(r.STRA);
    const defenders = num(r.STRD);
    if (!attackers || !defenders) continue;
    out.push({
      name: `${r.NAME ?? ''} ${r.YR1 ?? ''}`.trim(),
      attackers,
      defenders,
      attackerCasualties: num(r.CASA),
      defenderCasualties: num(r.CASD),
      outcome: OUTCOME[r.WINA ?? ''] ?? 'unknown',
    });
  }
  return out;
}
