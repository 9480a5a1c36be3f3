#!/usr/bin/env node
// Exports a class's quarter (half-year) marks, or its year, exam or final marks, to a CSV file
// that Excel opens as is: UTF-8 with a BOM, «;» between cells, a row per student and a column
// per subject.
//
//   node export-period-marks.mjs <classId> --period <studyPeriodId | "1 четверть"> [--out marks.csv]
//   node export-period-marks.mjs <classId> --kind year|exam|final [--out marks.csv]
//
// The period is named explicitly (by id or by name, as in the school's calendar): the script
// never guesses it from today's date. Without --out the CSV goes to standard output.
// Needs JOURNAL_URL, JOURNAL_LOGIN, JOURNAL_PASSWORD (an admin, the leadership or a teacher of
// the class).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { JournalApiError, JournalClient, unwrap } from '@school-journal/sdk';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    period: { type: 'string' },
    kind: { type: 'string', default: 'period' },
    out: { type: 'string' },
  },
});
const [classId] = positionals;
const kinds = ['period', 'year', 'exam', 'final'];
if (
  !classId ||
  !kinds.includes(options.kind) ||
  (options.kind === 'period') !== Boolean(options.period)
) {
  console.error(
    'usage: export-period-marks.mjs <classId> --period <id | name> [--out marks.csv]\n' +
      '       export-period-marks.mjs <classId> --kind year|exam|final [--out marks.csv]',
  );
  process.exit(2);
}

const byName = (a, b) => a.localeCompare(b, 'ru');
const cell = (text) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvLine = (cells) => cells.map(cell).join(';');

try {
  const client = await JournalClient.fromEnv();
  const schoolClass = await unwrap(
    client.GET('/v1/classes/{id}', { params: { path: { id: classId } } }),
  );
  const { schoolId } = schoolClass;

  // The dates the export is about: the study period's, or the academic year's.
  let period;
  if (options.kind === 'period') {
    const { items: periods } = await unwrap(
      client.GET('/v1/schools/{schoolId}/study-periods', {
        params: {
          path: { schoolId },
          query: { academicYearId: schoolClass.academicYearId, grade: schoolClass.grade },
        },
      }),
    );
    const wanted = options.period.trim().toLowerCase();
    period = periods.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
    if (!period) {
      console.error(
        `no study period «${options.period}» for class ${schoolClass.name}; there are:`,
      );
      for (const p of periods) console.error(`  ${p.name} (${p.startsOn} – ${p.endsOn}) ${p.id}`);
      process.exit(1);
    }
  }
  const year = await unwrap(
    client.GET('/v1/academic-years/{id}', { params: { path: { id: schoolClass.academicYearId } } }),
  );
  const [from, to] = period ? [period.startsOn, period.endsOn] : [year.startsOn, year.endsOn];

  const { items: marks } = await unwrap(
    client.GET('/v1/classes/{id}/period-marks', {
      params: {
        path: { id: classId },
        query: { kind: options.kind, ...(period ? { studyPeriodId: period.id } : {}) },
      },
    }),
  );

  // Students: those in the class at the start or the end of the period, and anyone with a mark.
  const students = new Map();
  for (const on of [from, to]) {
    const { items } = await unwrap(
      client.GET('/v1/classes/{id}/students', { params: { path: { id: classId }, query: { on } } }),
    );
    for (const student of items) students.set(student.id, student.fullName);
  }
  for (const { studentId } of marks) {
    if (!students.has(studentId)) {
      const person = await unwrap(
        client.GET('/v1/people/{id}', { params: { path: { id: studentId } } }),
      );
      students.set(studentId, person.fullName);
    }
  }

  // Subjects: those taught in the class, and any other with a mark.
  const subjects = new Map();
  const { items: assignments } = await unwrap(
    client.GET('/v1/classes/{id}/teaching-assignments', { params: { path: { id: classId } } }),
  );
  for (const { subject } of assignments) subjects.set(subject.id, subject.name);
  if (marks.some(({ subjectId }) => !subjects.has(subjectId))) {
    for (const archived of [false, true]) {
      const { items } = await unwrap(
        client.GET('/v1/schools/{schoolId}/subjects', {
          params: { path: { schoolId }, query: { archived } },
        }),
      );
      for (const subject of items) {
        if (marks.some((mark) => mark.subjectId === subject.id))
          subjects.set(subject.id, subject.name);
      }
    }
  }

  const columns = [...subjects].sort((a, b) => byName(a[1], b[1]));
  const rows = [...students].sort((a, b) => byName(a[1], b[1]));
  const valueOf = new Map(marks.map((mark) => [`${mark.studentId}|${mark.subjectId}`, mark.value]));
  const lines = [
    csvLine(['Ученик', ...columns.map(([, name]) => name)]),
    ...rows.map(([studentId, fullName]) =>
      csvLine([
        fullName,
        ...columns.map(([subjectId]) => valueOf.get(`${studentId}|${subjectId}`) ?? ''),
      ]),
    ),
  ];
  const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
  if (options.out) {
    await writeFile(options.out, csv, 'utf8');
    const what = period ? period.name : options.kind;
    console.log(
      `${schoolClass.name}, ${what}: ${rows.length} students, ${columns.length} subjects, ${marks.length} marks → ${options.out}`,
    );
  } else {
    process.stdout.write(csv);
  }
} catch (error) {
  if (!(error instanceof JournalApiError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
