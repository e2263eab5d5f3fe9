import { readFileSync } from 'node:fs';
import { loadScenarioText, formatProblem } from '../src/lang/load.ts';
const f = process.argv[2]!;
const r = loadScenarioText(readFileSync(f, 'utf8'), f);
if (r.ok) console.log('OK');
else for (const p of r.problems) console.log(formatProblem(p));
