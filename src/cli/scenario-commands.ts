/**
 * The scenario commands: `scenarios`, `validate`, `show`, and the default "your move" screen.
 */
import { makeBots } from '../ai/play.ts';
import { actorOf } from './args.ts';
import { playInteractive } from './interactive.ts';
import type { Scenario } from '../core/model.ts';
import { builtinIds, DEFAULT_SCENARIO, findScenario, loadScenarioFile } from '../lang/builtins.ts';
import { formatProblem } from '../lang/load.ts';
import { CliError } from './errors.ts';
import { endDate, renderScenario, renderYourMove } from './render.ts';

const write = (s: string) => process.stdout.write(s);

/** Load a scenario or end with its problems on stderr (exit 1). */
export function loadOrExit(ref: string, options: { strict?: boolean } = {}): Scenario {
  const file = findScenario(ref);
  if (!file) throw new CliError(`no scenario file or built-in scenario "${ref}" (built-ins: ${builtinIds().join(', ')})`);
  const result = loadScenarioFile(file, options);
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(formatProblem(p) + '\n');
    const n = result.problems.length;
    throw new CliError(`${file.label}: ${n} problem${n === 1 ? '' : 's'}`);
  }
  return result.scenario;
}

export function scenariosCommand(opts: { json?: boolean }): void {
  const list = builtinIds().map((id) => {
    const s = loadOrExit(id);
    return {
      id,
      title: s.title,
      start: s.start,
      end: endDate(s),
      turn_days: s.turn_days,
      horizon: s.horizon,
      player: s.player,
      actors: s.actors.length,
      default: id === DEFAULT_SCENARIO,
    };
  });
  if (opts.json) write(JSON.stringify(list, null, 2) + '\n');
  else
    for (const s of list)
      write(`${s.id.padEnd(20)} ${s.start}  ${String(s.actors).padStart(2)} actors  ${s.title}${s.default ? '  (default)' : ''}\n`);
}

export function validateCommand(ref: string, opts: { strict?: boolean }): void {
  const s = loadOrExit(ref, opts.strict ? { strict: true } : {});
  process.stderr.write(
    `${ref}: valid (${s.actors.length} actors, ${s.treaties?.length ?? 0} treaties, ${s.fronts?.length ?? 0} fronts, ${s.questions?.length ?? 0} questions)\n`,
  );
}

export function showCommand(ref: string, opts: { json?: boolean }): void {
  const s = loadOrExit(ref);
  write(opts.json ? JSON.stringify(s, null, 2) + '\n' : renderScenario(s));
}

/**
 * The "your move" screen (`yourmove`, `npm start`): the situation at the start and whose move it is. At a
 * terminal it goes on into the interactive game with heuristic bots; piped, it prints the screen only.
 */
export async function yourMoveCommand(opts: { scenario?: string; as?: string }): Promise<void> {
  const s = loadOrExit(opts.scenario ?? DEFAULT_SCENARIO);
  const id = opts.as ?? s.player;
  const player = actorOf(s, id);
  write(renderYourMove(s, player));
  if (!process.stdin.isTTY || !process.stdout.isTTY) return;
  write('\n');
  const bots = makeBots(s, 1, id, { kind: 'heuristic' });
  await playInteractive({ scenario: s, player: id, seed: 1, turns: s.horizon, bots, out: write });
}
