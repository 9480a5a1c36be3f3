#!/usr/bin/env node
// Lists the parents who do not use the journal, as «;»-separated lines on standard output.
//
//   node inactive-parents.mjs --class <classId> [--class <classId> …] [--days 30]
//   node inactive-parents.mjs --school <schoolId> [--days 30]
//
// --class: the parents of the class's current students who have no account yet, never logged
// in, or were not seen (a login or a session refresh) for --days days or more.
// --school: every parent account of the school not seen for --days days (or never), walking
// the paged usage list page by page. Days are counted by the API's clock, not this machine's.
// Needs JOURNAL_URL, JOURNAL_LOGIN, JOURNAL_PASSWORD (an admin; for --class also the class
// teacher).
import { parseArgs } from 'node:util';
import { JournalApiError, JournalClient, unwrap } from '@school-journal/sdk';

const { values: options } = parseArgs({
  options: {
    class: { type: 'string', multiple: true, default: [] },
    school: { type: 'string' },
    days: { type: 'string', default: '30' },
  },
});
const days = Number(options.days);
if (!Number.isInteger(days) || days < 1 || (options.class.length === 0) === !options.school) {
  console.error(
    'usage: inactive-parents.mjs (--class <classId>… | --school <schoolId>) [--days N]',
  );
  process.exit(2);
}

const REASONS = {
  'no-account': 'нет учётной записи',
  'never-logged-in': 'ни разу не входил(а)',
  inactive: 'давно не заходил(а)',
};
const line = (cells) =>
  console.log(cells.map((text) => String(text ?? '').replace(/[;\r\n]/g, ' ')).join(';'));
const day = (instant) => (instant ? instant.slice(0, 10) : '');

try {
  const client = await JournalClient.fromEnv();
  if (options.school) {
    line(['Родитель', 'Логин', 'Последний раз', 'Дней']);
    for await (const account of client.paginate('/v1/schools/{id}/usage', {
      params: {
        path: { id: options.school },
        query: { role: 'parent', inactiveDays: days, limit: 100 },
      },
    })) {
      line([
        account.displayName,
        account.login,
        day(account.lastSeenAt),
        account.daysSinceLastSeen ?? 'никогда',
      ]);
    }
  } else {
    line(['Класс', 'Родитель', 'Логин', 'Причина', 'Последний раз', 'Дети']);
    for (const classId of options.class) {
      const schoolClass = await unwrap(
        client.GET('/v1/classes/{id}', { params: { path: { id: classId } } }),
      );
      const { items } = await unwrap(
        client.GET('/v1/classes/{id}/inactive-parents', {
          params: { path: { id: classId }, query: { days } },
        }),
      );
      for (const parent of items) {
        line([
          schoolClass.name,
          parent.fullName,
          parent.login,
          REASONS[parent.reason] ?? parent.reason,
          day(parent.lastSeenAt),
          parent.children.map((child) => child.fullName).join(', '),
        ]);
      }
    }
  }
} catch (error) {
  if (!(error instanceof JournalApiError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
