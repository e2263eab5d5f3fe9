/**
 * `yourmove replay <record-file> [--turn N] [--as ACTOR] [--scenario FILE|ID] [--json]`: a game played again from
 * its record, the one `play --orders FILE --json` prints (the file may hold that whole output or the record alone).
 * The record is checked against the engine first: the engine and the scenario must be the ones it was made with,
 * and replaying its orders must give its state hash after every turn (core/engine/game.ts). Then each turn's report
 * as `play` prints it, as the player knows it; or turn N only; or, with --json, each turn's metrics and events.
 * PRODUCT.md names the command `replay <game-id|log-file>`: game ids come with the game service.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ENGINE_VERSION, playGame, scenarioHash, turnMetrics, type GameRecord, type PlayedTurn } from '../core/engine/game.ts';
import { visibleEvents } from '../core/engine/observe.ts';
import type { Scenario } from '../core/model.ts';
import { findScenario } from '../lang/builtins.ts';
import { fromZod } from '../lang/issues.ts';
import { formatPath, formatProblem, parseYaml } from '../lang/load.ts';
import { orderSchema } from '../lang/orders-file.ts';
import { id, LIMITS } from '../lang/schema.ts';
import { actorOf, integer } from './args.ts';
import { CliError } from './errors.ts';
import { turnReport } from './report.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface ReplayCliOptions {
  turn?: string;
  as?: string;
  scenario?: string;
  json?: boolean;
}

/** Turns a record may hold: far beyond any scenario's horizon, a bound on what a file can make this process do. */
const MAX_TURNS = 100_000;

const recordSchema = z.strictObject({
  engine: z.string().max(100),
  scenario: id,
  scenarioHash: z.string().max(100),
  seed: z.int(),
  orders: z
    .array(z.record(id, z.array(orderSchema).max(200)))
    .min(1, 'a game record holds at least one turn')
    .max(MAX_TURNS),
  hashes: z.array(z.string().max(100)).max(MAX_TURNS),
}) satisfies z.ZodType<GameRecord>;

/** What `play --json` prints around the record: only the record and the player are read; the rest is output. */
const playOutputSchema = z.looseObject({ record: recordSchema, as: id.exactOptional() });

interface RecordFile {
  record: GameRecord;
  /** The actor the game was played as, when the file says (a whole `play --json` output). */
  as?: string;
}

const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The file's content as a record file, or zod's issues; a mapping with a `record` is a whole `play --json` output. */
function shape(data: unknown): { ok: true; file: RecordFile } | { ok: false; issues: z.core.$ZodIssue[] } {
  if (isMapping(data) && 'record' in data) {
    const r = playOutputSchema.safeParse(data, { reportInput: true });
    if (!r.success) return { ok: false, issues: r.error.issues };
    return { ok: true, file: r.data.as === undefined ? { record: r.data.record } : { record: r.data.record, as: r.data.as } };
  }
  const r = recordSchema.safeParse(data, { reportInput: true });
  return r.success ? { ok: true, file: { record: r.data } } : { ok: false, issues: r.error.issues };
}

/** Refuse the file (exit 1): its problems one a line on stderr, as `validate` and `play --orders` show theirs. */
function refuse(file: string, problems: readonly string[]): never {
  for (const p of problems) process.stderr.write(p + '\n');
  throw new CliError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}: not a game record yourmove can replay`);
}

/**
 * Read a record file. JSON is read directly (a long game's output is large); a file that is not JSON, or whose
 * shape is wrong, is read again as YAML (JSON is YAML too) to locate each problem as `file:line:col: path: message`.
 */
export function readRecordFile(file: string): RecordFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `${file}: cannot read the file${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : ''}`,
    );
  }
  let json: { data: unknown } | null = null;
  try {
    json = { data: JSON.parse(text) };
  } catch {
    // not JSON: perhaps YAML; parseYaml says where it is neither
  }
  if (json) {
    const r = shape(json.data);
    if (r.ok) return r.file;
    if (Buffer.byteLength(text, 'utf8') > LIMITS.bytes)
      refuse(
        file,
        fromZod(r.issues).map((i) => `${file}: ${i.path.length === 0 ? '(file)' : formatPath(i.path)}: ${i.message}`),
      );
  }
  const doc = parseYaml(text, file, z.unknown(), 'a game record');
  if (!doc.ok) refuse(file, doc.problems.map(formatProblem));
  const r = shape(doc.value);
  if (r.ok) return r.file;
  refuse(file, doc.place(fromZod(r.issues)).map(formatProblem));
}

/** The scenario a record was played on: `--scenario`, else the built-in with the record's id. */
function scenarioOf(file: string, record: GameRecord, ref: string | undefined): Scenario {
  if (ref === undefined && !findScenario(record.scenario))
    throw new CliError(
      `${file}: the game was played on scenario "${record.scenario}", which is not built in: give its file with --scenario`,
    );
  const s = loadOrExit(ref ?? record.scenario);
  if (s.id !== record.scenario) throw new CliError(`${file}: the game was played on scenario "${record.scenario}", not "${s.id}"`);
  return s;
}

/**
 * Play the record's orders again and check every turn against it; refuse (exit 1), naming the first turn that
 * does not replay, a record the engine does not reproduce.
 */
export function replayRecord(file: string, s: Scenario, record: GameRecord): PlayedTurn[] {
  if (record.engine !== ENGINE_VERSION)
    throw new CliError(`${file}: the game was played on engine ${record.engine}; this is engine ${ENGINE_VERSION}, whose rules differ`);
  if (record.scenarioHash !== scenarioHash(s))
    throw new CliError(`${file}: scenario "${s.id}" has changed since the game was played (the record was made on another version of it)`);
  if (record.hashes.length !== record.orders.length)
    throw new CliError(`${file}: the record has orders for ${record.orders.length} turns but state hashes for ${record.hashes.length}`);
  if (record.orders.length > s.horizon)
    throw new CliError(`${file}: the record has ${record.orders.length} turns; scenario "${s.id}" has ${s.horizon}`);
  const { turns } = playGame(s, record.seed, record.orders);
  turns.forEach((t, i) => {
    if (t.hash !== record.hashes[i])
      throw new CliError(
        `${file}: turn ${i + 1} does not replay: the engine's state hash after it is ${t.hash}, the record's ${record.hashes[i]} (its orders or its hashes were changed)`,
      );
  });
  return turns;
}

export function replayCommand(file: string, opts: ReplayCliOptions): void {
  const { record, as } = readRecordFile(file);
  const s = scenarioOf(file, record, opts.scenario);
  const viewer = opts.as ?? as ?? s.player;
  actorOf(s, viewer);
  const only = opts.turn === undefined ? undefined : integer(opts.turn, '--turn', 1, record.orders.length);
  const turns = replayRecord(file, s, record);
  process.stderr.write(
    `yourmove: ${file}: ${turns.length} turn${turns.length === 1 ? '' : 's'} of ${s.id} (seed ${record.seed}) replayed, every state hash as recorded\n`,
  );
  const shown = only === undefined ? turns : [turns[only - 1]!];
  if (opts.json) {
    const out = {
      engine: record.engine,
      scenario: s.id,
      seed: record.seed,
      as: viewer,
      turns: shown.map((t) => ({
        ...turnMetrics(t.state),
        hash: t.hash,
        events: visibleEvents(t.events, viewer, t.state),
        violations: t.violations,
      })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  for (const t of shown)
    process.stdout.write(turnReport(s, viewer, t.state.turn, t.state.date, visibleEvents(t.events, viewer, t.state), t.violations) + '\n');
}
