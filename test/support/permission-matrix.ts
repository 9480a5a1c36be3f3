import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MatrixCell {
  subject: string;
  role: string;
  /** The letters granted: R, W, D. Empty for "—". */
  letters: Set<'R' | 'W' | 'D'>;
  /** `school`, `region`, `self`, `admins`, `all`, or undefined. */
  scope?: string;
  text: string;
}

/** Reads the table under "## Matrix" of docs/permissions.md, one cell per subject × role. */
export function readPermissionMatrix(
  file = join(__dirname, '../../docs/permissions.md'),
): MatrixCell[] {
  const markdown = readFileSync(file, 'utf8');
  const section = markdown.split(/^## Matrix\s*$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('docs/permissions.md has no "## Matrix" section');
  // The first table of the section: its contiguous block of `|` lines.
  const rows = (/(?:^\|.*\n?)+/m.exec(section)?.[0] ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
  const [header, , ...body] = rows;
  const roles = header.slice(1);
  return body.flatMap(([subject, ...cells]) =>
    cells.map((text, index) => {
      const match = /^([RWD]+)(?:\s+(\w+))?$/.exec(text);
      if (text !== '—' && !match)
        throw new Error(`Cannot read cell "${text}" (${subject} × ${roles[index]})`);
      return {
        subject,
        role: roles[index],
        letters: new Set((match?.[1] ?? '').split('') as ('R' | 'W' | 'D')[]),
        scope: match?.[2],
        text,
      };
    }),
  );
}
