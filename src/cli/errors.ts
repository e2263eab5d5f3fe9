/** Exit statuses of the `yourmove` command (PRODUCT.md). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, interrupted: 130 } as const;

/** An error the user can act on: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalid,
  ) {
    super(message);
  }
}
