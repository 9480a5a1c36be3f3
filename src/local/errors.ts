/**
 * A problem the person running the launcher can fix (a busy port, a missing binary).
 * The launcher prints its message alone; any other error is printed with its stack.
 */
export class LauncherError extends Error {
  override readonly name = 'LauncherError';
}
