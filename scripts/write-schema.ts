// Writes schema/scenario.schema.json from the language's schema (src/lang/schema.ts), for editors.
// A test fails when the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { scenarioJsonSchemaText } from '../src/lang/json-schema.ts';

const out = join(PACKAGE_ROOT, 'schema', 'scenario.schema.json');
writeFileSync(out, scenarioJsonSchemaText());
process.stderr.write(`wrote ${out}\n`);
