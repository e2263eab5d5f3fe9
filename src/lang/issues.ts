/**
 * Turns zod's issues into the language's own: one plain message per problem, at the path of the node
 * that is wrong. Unions (a number or a distribution; one predicate out of many) are reported from the
 * branch the author evidently meant, not as a list of every alternative that failed.
 */
import type { z } from 'zod';
import type { Issue } from '../core/model.ts';
import { DATE_MESSAGE } from './schema.ts';

type ZodIssue = z.core.$ZodIssue;
type UnionIssue = Extract<ZodIssue, { code: 'invalid_union' }>;
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
const typeName = (t: string) => (t === 'object' ? 'mapping' : t === 'array' ? 'list' : t === 'int' ? 'whole number' : t);
const isMapping = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);
const missing = (path: Path): Issue => ({ path, message: `missing required field "${String(path[path.length - 1])}"`, atKey: true });

/** A discriminated union whose input lacks the discriminator altogether: the branch did not match. */
const missingDiscriminator = (i: ZodIssue) =>
  i.code === 'invalid_union' && i.discriminator !== undefined && (!isMapping(i.input) || i.input[i.discriminator] === undefined);

/** The keys of `input` that a branch rejected as unknown. */
const unknownKeys = (branch: ZodIssue[]) =>
  new Set(branch.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [])));

/**
 * Whether a union branch is the one the author meant: its shape matched at the union's node (no wrong type,
 * no foreign key, no missing discriminator there) and, for a mapping, it knows at least one key given.
 */
function matches(branch: ZodIssue[], input: unknown): boolean {
  if (branch.some((i) => i.path.length === 0 || missingDiscriminator(i))) return false;
  if (!isMapping(input)) return true;
  const unknown = unknownKeys(branch);
  return Object.keys(input).some((k) => !unknown.has(k));
}

/** Of the branches that match, the one with the fewest problems. */
function bestBranch(issue: UnionIssue): ZodIssue[] | null {
  let best: ZodIssue[] | null = null;
  for (const b of issue.errors) if (matches(b, issue.input) && (best === null || b.length < best.length)) best = b;
  return best;
}

/** The keys the branches of a keyed union (predicates, effects, metrics) expect, in the schema's order. */
function expectedKeys(issue: UnionIssue): string[] {
  const keys: string[] = [];
  for (const b of issue.errors) {
    const own = b.find((i) => i.input === undefined && i.path.length === 1 && typeof i.path[0] === 'string');
    const known = isMapping(issue.input) ? Object.keys(issue.input).filter((k) => !unknownKeys(b).has(k)) : [];
    for (const k of [...(own ? [own.path[0] as string] : []), ...known]) if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** The message for a union none of whose branches matches. */
function unionMessage(issue: UnionIssue): string {
  const input = issue.input;
  const atRoot = issue.errors.flat().filter((i) => i.path.length === 0);
  const expects = (t: string) => atRoot.some((i) => i.code === 'invalid_type' && (i.expected as string) === t);
  if (expects('int') && typeof input === 'number' && Number.isFinite(input)) return `expected a whole number, got ${input}`;
  if (expects('number') || expects('int'))
    return `expected a number, {value: <number>, source: ...} or a distribution {dist: normal|lognormal|triangular|uniform|beta, ...}, got ${describe(input)}`;
  const keys = expectedKeys(issue);
  if (isMapping(input) && keys.length > 1) {
    const given = Object.keys(input);
    if (given.length !== 1) return `expected exactly one of ${keys.join(', ')}; got ${given.length === 0 ? 'none' : given.join(', ')}`;
    return `unknown "${given[0]}": expected one of ${keys.join(', ')}`;
  }
  const choice = atRoot.find((i) => i.code === 'invalid_value');
  if (choice && !isMapping(input)) return message(choice);
  const types = [...new Set(atRoot.flatMap((i) => (i.code === 'invalid_type' ? [typeName(i.expected)] : [])))];
  if (types.length > 0) return `expected ${types.map(article).join(' or ')}, got ${describe(input)}`;
  return issue.message;
}

function message(issue: ZodIssue): string {
  if (issue.message === DATE_MESSAGE) {
    const input = 'input' in issue ? issue.input : undefined;
    return typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input)
      ? `"${input}" is not a calendar date`
      : `expected a date as YYYY-MM-DD, got ${describe(input)}`;
  }
  switch (issue.code) {
    case 'invalid_type':
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
    const input = 'input' in issue ? issue.input : null;
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ path: [...path, k], message: `unknown field "${k}"`, atKey: true });
    } else if (input === undefined && path.length > 0 && issue.code !== 'custom') {
      out.push(missing(path));
    } else if (issue.code === 'invalid_union' && issue.discriminator !== undefined && 'options' in issue && issue.options) {
      const given = isMapping(issue.input) ? issue.input[issue.discriminator] : undefined;
      // Without the discriminator at all, the field is missing: reported at the mapping that lacks it.
      if (given === undefined && isMapping(issue.input) && path[path.length - 1] === issue.discriminator) out.push(missing(path));
      else out.push({ path, message: `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(given)}` });
    } else if (issue.code === 'invalid_union') {
      const branch = bestBranch(issue);
      if (branch) out.push(...fromZod(branch, path));
      else out.push({ path, message: unionMessage(issue) });
    } else if (issue.code === 'invalid_key') {
      out.push({ path, message: `invalid key: ${issue.issues[0]?.message ?? issue.message}`, atKey: true });
    } else {
      out.push({ path, message: message(issue) });
    }
  }
  return out;
}
