/** An error class whose message alone tells the person running a command what went wrong. */
type ExplainedError = abstract new (...args: never[]) => Error;

/**
 * Runs a process's work. On failure the process exits 1, printing an error of an `explained` kind
 * by its message alone and any other whole, with its stack.
 */
export function runProcess(work: () => Promise<void>, explained: readonly ExplainedError[]): void {
  const fail = (error: unknown): never => {
    const isExplained = explained.some((kind) => error instanceof kind);
    console.error(isExplained ? (error as Error).message : error);
    process.exit(1);
  };
  try {
    work().catch(fail);
  } catch (error) {
    fail(error);
  }
}
