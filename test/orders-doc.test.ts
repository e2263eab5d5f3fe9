// docs/orders.md is the reference a person writes orders files from: it must name every order type the
// orders-file schema accepts and every violation code the engine can give.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VIOLATION_CODES } from '../src/core/engine/orders.ts';
import { orderSchema } from '../src/lang/orders-file.ts';

const doc = readFileSync(new URL('../docs/orders.md', import.meta.url), 'utf8');

describe('docs/orders.md', () => {
  it('has a row for every order type', () => {
    const types = orderSchema.options.map((o) => o.shape.type.value);
    expect(types.length).toBeGreaterThan(20);
    expect(types.filter((t) => !doc.includes(`| \`${t}\` |`))).toEqual([]);
  });

  it('names every violation code', () => {
    expect(VIOLATION_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });
});
