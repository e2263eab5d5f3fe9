/**
 * Turns zod's issues into the language's own: one plain message per problem, at the path of the node
 * that is wrong. Unions (a number or a distribution; one predicate out of many) are reported from the
 * branch the author evidently meant, not as a list of every alternative that failed.
 */
import type { z } from 'zod';
import type { Issue } from '../core/model.ts';

type ZodIssue = z.core.$ZodIssue;
type Path = (string | number)[];

const describe = (input: unknown): string => {
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (typeof input === 'number' && !Number.isFinite(input)) return `${String(input)} (not a finite number)`;
  if (ArrayBuffer.isView(input)) return 'binary data';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)}`;
  return `${typeof input} ${String(input)}`;
};

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

const typeName = (t: string) => (t === 'object' ? 'mapping' : t === 'array' ? 'list' : t);

/** A discriminated union whose input lacks the discriminator altogether: the branch did not match. */
const missingDiscriminator = (i: ZodIssue) =>
  i.code === 'invalid_union' &&
  i.discriminator !== undefined &&
  (i.input === null || typeof i.input !== 'object' || (i.input as Record<string, unknown>)[i.discriminator] === undefined);

/** Issues at the union's own node: the branch's shape did not match at all (wrong type, foreign keys). */
const rootIssues = (issues: ZodIssue[], depth: number) => issues.filter((i) => i.path.length <= depth || missingDiscriminator(i));

/** Pick the union branch the author meant: fewest problems at the union's node, then fewest in all. */
function bestBranch(branches: ZodIssue[][], depth: number): ZodIssue[] | null {
  let best: ZodIssue[] | null = null;
  let bestScore = Infinity;
  for (const b of branches) {
    const root = rootIssues(b, depth).length;
    if (root > 0) continue;
    const score = b.length;
    if (score < bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

/** The keys that the branches of a keyed union (predicates, effects) expected, in order. */
function expectedKeys(branches: ZodIssue[][], depth: number): string[] {
  const keys: string[] = [];
  for (const b of branches)
    for (const i of b)
      if ((i.code === 'invalid_type' || i.code === 'invalid_union') && i.input === undefined && i.path.length === depth + 1) {
        const k = i.path[depth];
        if (typeof k === 'string' && !keys.includes(k)) keys.push(k);
      }
  return keys;
}

function unionMessage(issue: Extract<ZodIssue, { code: 'invalid_union' }>, path: Path): string {
  const depth = path.length;
  const input = issue.input;
  const branches = issue.errors;
  const keys = expectedKeys(branches, depth);
  const numeric = branches.some((b) =>
    b.some((i) => i.code === 'invalid_type' && (i.expected === 'number' || (i.expected as string) === 'int') && i.path.length === depth),
  );
  const whole = branches.some((b) =>
    b.some((i) => i.code === 'invalid_type' && (i.expected as string) === 'int' && i.path.length === depth),
  );
  if (whole && typeof input === 'number' && Number.isFinite(input)) return `expected a whole number, got ${input}`;
  if (numeric)
    return `expected a number, {value: <number>, source: ...} or a distribution {dist: normal|lognormal|triangular|uniform|beta, ...}, got ${describe(input)}`;
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && keys.length > 1) {
    const given = Object.keys(input);
    if (given.length !== 1) return `expected exactly one of ${keys.join(', ')}; got ${given.length === 0 ? 'none' : given.join(', ')}`;
    return `unknown "${given[0]}": expected one of ${keys.join(', ')}`;
  }
  const types = branches.flatMap((b) =>
    b.filter((i) => i.code === 'invalid_type' && i.path.length === depth).map((i) => typeName((i as { expected: string }).expected)),
  );
  const uniq = [...new Set(types)];
  if (uniq.length > 0) return `expected ${uniq.map(article).join(' or ')}, got ${describe(input)}`;
  return issue.message;
}

function message(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing required field "${String(issue.path[issue.path.length - 1])}"`;
      return `expected ${article(typeName(issue.expected))}, got ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}, got ${String(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `too many items: at most ${issue.maximum} allowed`;
      if (issue.origin === 'string') return `too long: at most ${issue.maximum} characters allowed`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}, got ${String(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid')
        ? `expected ${issue.format}, got ${describe(issue.input)}`
        : `${issue.message}, got ${describe(issue.input)}`;
    case 'not_multiple_of':
      return issue.divisor === 1 ? `expected a whole number, got ${String(issue.input)}` : issue.message;
    default:
      return issue.message;
  }
}

/** Flatten zod issues into the language's issues (one per problem, unions resolved to a branch). */
export function fromZod(issues: readonly ZodIssue[], base: Path = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ path: [...path, k], message: `unknown field "${k}"`, atKey: true });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.discriminator !== undefined && 'options' in issue && issue.options) {
      const given = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
      out.push({
        path,
        message: `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(given)}`,
      });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.input === undefined && path.length > 0) {
      out.push({ path, message: `missing required field "${String(path[path.length - 1])}"`, atKey: true });
      continue;
    }
    if (issue.code === 'invalid_key') {
      const detail = issue.issues[0]?.message ?? issue.message;
      out.push({ path, message: `invalid key: ${detail}`, atKey: true });
      continue;
    }
    if (issue.code === 'invalid_union') {
      const branch = issue.errors.length > 0 ? bestBranch(issue.errors, 0) : null;
      if (branch) {
        out.push(...fromZod(branch, path));
        continue;
      }
      out.push({ path, message: unionMessage(issue, []) });
      continue;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      out.push({ path, message: message(issue), atKey: true });
      continue;
    }
    if (issue.code === 'invalid_type' && (issue.expected as string) === 'int') {
      out.push({ path, message: `expected a whole number, got ${describe(issue.input)}` });
      continue;
    }
    out.push({ path, message: message(issue) });
  }
  return out;
}
