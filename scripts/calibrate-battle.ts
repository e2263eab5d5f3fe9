// Fits the battle resolver on CDB90 and prints the constants for CDB90_MODEL (src/core/engine/battle.ts).
// Usage: npm run calibrate:battle
import { CDB90_MODEL, fitBattleModel } from '../src/core/engine/battle.ts';
import { loadCdb90 } from '../src/data/cdb90.ts';

const records = loadCdb90();
const fitted = fitBattleModel(records);
const decisive = records.filter((r) => r.outcome === 'attacker' || r.outcome === 'defender').length;
process.stdout.write(`CDB90: ${records.length} battles with strengths, ${decisive} decisive\n\n`);
process.stdout.write('parameter      fitted      in CDB90_MODEL\n');
for (const [k, v] of Object.entries(fitted))
  process.stdout.write(
    `${k.padEnd(14)} ${v.toFixed(4).padStart(8)}    ${CDB90_MODEL[k as keyof typeof CDB90_MODEL].toFixed(4).padStart(8)}\n`,
  );
