/**
 * The seeded random generator of the core: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators"; public-domain reference code at prng.di.unimi.it), 32-bit words, so it
 * runs on plain JavaScript integers. Seeds are spread over the 128-bit state with SplitMix32 (the 32-bit
 * finaliser of MurmurHash3), as the authors recommend seeding from a different generator.
 *
 * The generator is a value: its whole state is four 32-bit words (`state()`), so a game records it, a
 * replay restores it, and a bot's search gets a generator of its own (`Rng.derive`) that cannot see the
 * game's future draws.
 */

export type RngState = readonly [number, number, number, number];

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** SplitMix32 step: returns the next [state, output]. */
function splitmix32(x: number): [number, number] {
  const next = (x + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(s: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = s;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator from a 32-bit seed (any integer; only its low 32 bits matter). */
  static seeded(seed: number): Rng {
    let x = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(x);
      x = next;
      words.push(out | 0);
    }
    return new Rng(words as unknown as RngState);
  }

  static fromState(s: RngState): Rng {
    return new Rng(s);
  }

  /**
   * An independent stream for (seed, index): run i of a Monte Carlo forecast, or a bot's own search.
   * The same pair always gives the same stream, whatever else has been drawn.
   */
  static derive(seed: number, index: number): Rng {
    const [, a] = splitmix32(seed | 0);
    const [, b] = splitmix32((a ^ Math.imul(index | 0, 0x27d4eb2f)) | 0);
    return Rng.seeded(b);
  }

  /**
   * The stream of one named thing under `seed` (a red line, an input, a treaty's trigger): the same name always gives
   * the same stream, whatever else there is — so a rule, an input or a red line added or removed leaves every other's
   * draws as they were.
   */
  static named(seed: number, name: string): Rng {
    // FNV-1a over the name's UTF-16 code units: a 32-bit index for `derive`.
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return Rng.derive(seed, h);
  }

  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  clone(): Rng {
    return new Rng(this.state());
  }

  /** The next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n), without modulo bias (Lemire's rejection on 32 bits). */
  int(n: number): number {
    if (!(n >= 1 && n <= 0x100000000 && Number.isInteger(n))) throw new RangeError(`int(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return x % n;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
