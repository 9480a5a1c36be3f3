#!/usr/bin/env node
// Issues logins and one-time activation codes to a class's students and their parents, and
// saves the slips to print (an A4 PDF, four cut-out slips per page).
//
//   node print-credential-slips.mjs <classId> <slips.pdf> [--only-new] [--students-only | --parents-only]
//
// People without an account get one; everyone else gets a new code, which voids their previous
// one (so do not run it twice by accident: --only-new limits it to people without an account).
// Needs JOURNAL_URL, JOURNAL_LOGIN, JOURNAL_PASSWORD (an admin, or the class teacher).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { JournalApiError, JournalClient, unwrap } from '@school-journal/sdk';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'only-new': { type: 'boolean', default: false },
    'students-only': { type: 'boolean', default: false },
    'parents-only': { type: 'boolean', default: false },
  },
});
const [classId, output] = positionals;
if (!classId || !output || (options['students-only'] && options['parents-only'])) {
  console.error(
    'usage: print-credential-slips.mjs <classId> <slips.pdf> [--only-new] [--students-only | --parents-only]',
  );
  process.exit(2);
}
const include = options['students-only']
  ? ['students']
  : options['parents-only']
    ? ['parents']
    : ['students', 'parents'];

try {
  const client = await JournalClient.fromEnv();
  const pdf = await unwrap(
    client.POST('/v1/classes/{id}/credential-slips', {
      params: { path: { id: classId } },
      body: { include, onlyWithoutAccount: options['only-new'] },
      // The answer is a PDF, not JSON: take its bytes.
      parseAs: 'arrayBuffer',
    }),
  );
  await writeFile(output, new Uint8Array(pdf));
  console.log(`saved ${pdf.byteLength} bytes to ${output}`);
} catch (error) {
  if (!(error instanceof JournalApiError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
