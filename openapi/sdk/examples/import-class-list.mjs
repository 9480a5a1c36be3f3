#!/usr/bin/env node
// Imports a class list (students and their parents) from a CSV or XLSX file.
//
//   node import-class-list.mjs <classId> <file.csv|file.xlsx> [--commit] [--enrolled-on YYYY-MM-DD]
//
// It always checks the file first (a dry run, which writes nothing) and prints what each row
// would do. With --commit, and only if no row has an error, it then imports the file in one
// transaction. Running it again with the same file creates nothing new: students and parents
// already there are matched. Needs JOURNAL_URL, JOURNAL_LOGIN, JOURNAL_PASSWORD (an admin).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { fileBody, JournalApiError, JournalClient, unwrap } from '@school-journal/sdk';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { commit: { type: 'boolean', default: false }, 'enrolled-on': { type: 'string' } },
});
const [classId, file] = positionals;
if (!classId || !file) {
  console.error(
    'usage: import-class-list.mjs <classId> <file.csv|file.xlsx> [--commit] [--enrolled-on YYYY-MM-DD]',
  );
  process.exit(2);
}
const type =
  extname(file).toLowerCase() === '.xlsx'
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';

const describe = (person) =>
  `${person.action === 'create' ? 'new' : 'existing'} ${person.fullName}`;

try {
  const client = await JournalClient.fromEnv();
  const bytes = await readFile(file);
  const upload = (dryRun) =>
    unwrap(
      client.POST('/v1/classes/{id}/imports', {
        params: {
          path: { id: classId },
          query: {
            dryRun,
            ...(options['enrolled-on'] ? { enrolledOn: options['enrolled-on'] } : {}),
          },
        },
        ...fileBody(bytes, type),
      }),
    );

  const check = await upload(true);
  for (const row of check.rows) {
    const parents = row.parents.map((parent) => `${describe(parent)} (${parent.relation})`);
    console.log(
      `row ${row.row}: ${describe(row.student)}${parents.length ? `; parents: ${parents.join(', ')}` : ''}`,
    );
    for (const error of row.errors) console.log(`  error in «${error.column}»: ${error.message}`);
  }
  const summary = (s) =>
    `${s.rows} rows: ${s.studentsCreated} new students, ${s.studentsMatched} existing, ` +
    `${s.parentsCreated} new parents, ${s.parentsMatched} existing, ${s.enrollmentsCreated} enrolled`;
  if (check.summary.errors > 0) {
    console.error(`${check.summary.errors} rows have errors: fix the file and run again.`);
    process.exit(1);
  }
  if (!options.commit) {
    console.log(`dry run, nothing written: ${summary(check.summary)}`);
    console.log('run again with --commit to import.');
  } else {
    const done = await upload(false);
    console.log(`imported: ${summary(done.summary)}`);
  }
} catch (error) {
  if (!(error instanceof JournalApiError)) throw error;
  console.error(`error: ${error.message}`);
  for (const field of error.errors) console.error(`  ${field.field}: ${field.messages.join('; ')}`);
  // 422 import.rejected: the file changed between the check and the import.
  for (const row of error.problem.rows ?? []) {
    for (const cell of row.errors)
      console.error(`  row ${row.row}, «${cell.column}»: ${cell.message}`);
  }
  process.exit(1);
}
