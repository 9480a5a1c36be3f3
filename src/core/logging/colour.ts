/**
 * Colour codes belong on a terminal only: written to a file or a pipe (the launcher reads
 * its children's output through pipes) they would show up raw. `NO_COLOR` (any non-empty
 * value, https://no-color.org) turns them off on a terminal too.
 */
export function colourWanted(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}
