/**
 * `xs.map(f)`, always as a packed array. V8's optimising compiler inlines `Array.prototype.map` with a holey
 * result, while the interpreter's makes a packed one; so the state's arrays would change their elements kind the
 * moment the function building them is optimised, in the middle of a forecast, and every stage already optimised
 * for the packed kind would be thrown away and compiled again. Arrays that go into the game state are built with
 * this (docs/benchmarks.md, "Warm-up").
 */
export function mapPacked<T, U>(xs: readonly T[], f: (x: T) => U): U[] {
  const out: U[] = [];
  for (const x of xs) out.push(f(x));
  return out;
}
