import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { colourWanted } from '../core/logging/colour';

/**
 * Console output of the launcher. Every line carries the name of the process it came
 * from, because the API, the worker and the databases all write to one terminal.
 */

const COLOURS = [36, 35, 33, 32, 34, 31]; // cyan, magenta, yellow, green, blue, red
const assigned = new Map<string, number>();
const useColour = colourWanted(process.stdout);
const WIDTH = 9; // the longest name ("postgres", "launcher") plus a space

export function prefixFor(name: string): string {
  const label = `[${name}]`.padEnd(WIDTH + 2);
  if (!useColour) return label;
  if (!assigned.has(name)) assigned.set(name, COLOURS[assigned.size % COLOURS.length]);
  return `\u001b[${assigned.get(name)}m${label}\u001b[0m`;
}

/** Writes each line of `text` (possibly several, possibly without a final newline) with a prefix. */
export function writeLines(name: string, text: string, target: Writable = process.stdout): void {
  const prefix = prefixFor(name);
  for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    target.write(`${prefix} ${line}\n`);
  }
}

/** Copies a child's stream to ours line by line, so lines of two processes never interleave mid-line. */
export function pipeLines(name: string, source: Readable, target: Writable): void {
  createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) =>
    target.write(`${prefixFor(name)} ${line}\n`),
  );
}

export const say = (message: string): void => writeLines('launcher', message);
export const complain = (message: string): void => writeLines('launcher', message, process.stderr);
