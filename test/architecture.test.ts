// The architecture rule (STYLE.md): src/core depends on nothing. The lint rule enforces it; this test proves
// the rule fires, and that the tree obeys it.
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';

const eslint = new ESLint({ cwd: PACKAGE_ROOT });

async function lintAs(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PACKAGE_ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the core ring', () => {
  it('may not import packages, Node built-ins or the outer rings, nor read a clock or Math.random', async () => {
    const messages = await lintAs(
      'src/core/engine/example.ts',
      [
        "import { readFileSync } from 'node:fs';",
        "import { z } from 'zod';",
        "import { LIMITS } from '../../lang/schema.ts';",
        "import { run } from '../../cli/main.ts';",
        'export const x = [readFileSync, z, LIMITS, run, Math.random(), Date.now()];',
        '',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(4);
    expect(messages.filter((m) => m.startsWith('no-restricted-properties'))).toHaveLength(2);
  });

  it('may import other core files', async () => {
    const messages = await lintAs('src/core/engine/example.ts', "import { central } from '../dist.ts';\nexport const c = central(1);\n");
    expect(messages).toEqual([]);
  });

  it('the outer rings may import the core', async () => {
    const messages = await lintAs('src/lang/example.ts', "import { central } from '../core/dist.ts';\nexport const c = central(1);\n");
    expect(messages).toEqual([]);
  });

  it('no file under src/core imports anything but relative core files', () => {
    const dir = join(PACKAGE_ROOT, 'src', 'core');
    // Tests beside core sources may also use the test tools (vitest, fast-check).
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/^import [^;]*? from '([^']+)'/gms)) {
        const spec = m[1]!;
        expect(spec, `${relative(PACKAGE_ROOT, join(dir, f))} imports ${spec}`).toMatch(/^\.\.?\//);
        const target = join(dir, f, '..', spec);
        expect(relative(dir, target).startsWith('..'), `${f} imports ${spec} outside src/core`).toBe(false);
      }
    }
  });
});
