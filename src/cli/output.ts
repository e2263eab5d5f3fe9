/**
 * Files a command writes besides its standard output (`cascade --dot FILE`). The path is checked before the work
 * starts, so one that cannot be written is refused in a sentence at once, not after minutes of runs; the write
 * itself is refused in a sentence too (exit 1), never with a stack trace.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.ts';

/** Why a file-system call failed, in words: its code if Node gives one, else its message. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** Refuse (exit 1) a path `flag` names that could not be written: its folder missing or closed, or a folder itself. */
export function checkWritable(file: string, flag: string): void {
  const where = `${flag} ${file}`;
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${where}: cannot write there: ${dir} is not a folder`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(`${where}: cannot write there: ${missing ? `the folder ${dir} does not exist` : reason(e)}`);
  }
  let target;
  try {
    target = statSync(file);
  } catch {
    return; // a new file in a writable folder
  }
  if (target.isDirectory()) throw new CliError(`${where}: cannot write there: it is a folder`);
  try {
    accessSync(file, constants.W_OK);
  } catch (e) {
    throw new CliError(`${where}: cannot write the file: ${reason(e)}`);
  }
}

/** Write `text` to the file `flag` names, or refuse in a sentence (exit 1). */
export function writeOutput(file: string, text: string, flag: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new CliError(`${flag} ${file}: cannot write the file: ${reason(e)}`);
  }
}
