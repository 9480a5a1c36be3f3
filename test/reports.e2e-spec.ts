import type { INestApplicationContext } from '@nestjs/common';
import { AttendanceEntry } from '../src/modules/attendance/entities/attendance-entry.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { periodsOfGrade } from './support/calendar-fixtures';
import { createPerson } from './support/classes-fixtures';
import { asRole, createSchool, createUser } from './support/factories';
import type { JournalWorld } from './support/journal-fixtures';
import { createReportWorld } from './support/report-world';
import { builtReport } from './support/report-requests';
import { expectProblem } from './support/problem-matchers';
import { csvRows, pdfPages, pdfText, readXlsxSheets } from './support/report-readers';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestWorker } from './support/workers';

/**
 * Reports as jobs, on a class whose figures are worked out by hand below: 7А of four
 * students, two subjects, period marks of the first quarter and absences of September.
 */
describe('reports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: JournalWorld;
  let fourth: Person;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t.config);
    ({ w, fourth } = await createReportWorld(t));
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const ask = (auth: Record<string, string>, body: object) =>
    t.http().post('/v1/reports').set(auth).send(body);

  const built = (auth: Record<string, string>, body: object) => builtReport(t, auth, body);

  const classResults = (format: string) => ({
    type: 'class-results',
    format,
    params: { classId: w.schoolClass.id, studyPeriodId: w.periods[0].id },
  });

  it('R4: class results of a quarter, with figures worked out by hand', async () => {
    const { report, file, headers } = await built(w.deputy.auth, classResults('json'));
    expect(report).toMatchObject({
      type: 'class-results',
      format: 'json',
      progress: 100,
      cached: false,
    });
    expect(headers['content-type']).toMatch(/^application\/json/);
    const document = JSON.parse(file.toString('utf8'));
    const [bySubject, standings] = document.tables;
    // Mathematics 5, 4, 3, 2: success 3/4, quality 2/4, average 14/4, СОУ (100+64+36+16)/4.
    expect(bySubject.rows).toEqual([
      {
        subject: 'Математика',
        count: 4,
        n5: 1,
        n4: 1,
        n3: 1,
        n2: 1,
        na: 0,
        successRate: 75,
        qualityRate: 50,
        average: 3.5,
        souRate: 54,
      },
      // Russian 5, 5, 4, 4: all succeed, all good, average 4.5, СОУ (200+128)/4 = 82.
      {
        subject: 'Русский язык',
        count: 4,
        n5: 2,
        n4: 2,
        n3: 0,
        n2: 0,
        na: 0,
        successRate: 100,
        qualityRate: 100,
        average: 4.5,
        souRate: 82,
      },
    ]);
    // The class: Алексеев on «5», Борисова on «4» and «5», Васильев with one «3», Григорьев
    // with a «2»: success 3/4, quality 2/4; all eight marks average 32/8, СОУ 544/8 = 68.
    expect(bySubject.totals).toMatchObject({
      subject: 'По классу',
      count: 8,
      successRate: 75,
      qualityRate: 50,
      average: 4,
      souRate: 68,
    });
    expect(standings.rows).toEqual([
      {
        students: 4,
        excellent: 1,
        good: 1,
        oneThree: 1,
        satisfactory: 0,
        failing: 1,
        notAssessed: 0,
        successRate: 75,
        qualityRate: 50,
      },
    ]);
  });

  it('R4 as CSV: UTF-8 with BOM, «;»-separated, decimal commas, read back by a CSV parser', async () => {
    const { file, headers } = await built(w.deputy.auth, classResults('csv'));
    expect(headers['content-type']).toMatch(/^text\/csv/);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(file);
    expect(rows[0]).toEqual(['Итоги успеваемости класса: 1 четверть']);
    const header = rows.find((row) => row[0] === 'Предмет')!;
    expect(header).toEqual([
      'Предмет',
      'Оценок',
      '«5»',
      '«4»',
      '«3»',
      '«2»',
      'н/а',
      'Успеваемость, %',
      'Качество, %',
      'Средний балл',
      'СОУ, %',
    ]);
    expect(rows.find((row) => row[0] === 'Математика')).toEqual([
      'Математика',
      '4',
      '1',
      '1',
      '1',
      '1',
      '0',
      '75,0',
      '50,0',
      '3,50',
      '54,0',
    ]);
    expect(rows.find((row) => row[0] === 'По классу')?.slice(7)).toEqual([
      '75,0',
      '50,0',
      '4,00',
      '68,0',
    ]);
    expect(headers['content-disposition']).toBe(
      `attachment; filename="report-${headers['content-disposition'].match(/report-([0-9a-f-]+)\.csv/)![1]}.csv"; filename*=UTF-8''${encodeURIComponent('Итоги успеваемости 7А, 1 четверть.csv')}`,
    );
  });

  it('R1: attendance of September by day and reason, as a PDF read by poppler', async () => {
    const body = {
      type: 'attendance-by-month',
      format: 'json',
      params: { classId: w.schoolClass.id, month: '2026-09' },
    };
    const { file } = await built(w.classTeacher.user.auth, body);
    const [table] = JSON.parse(file.toString('utf8')).tables;
    // Days with lessons: the 7th, 8th, 14th and 15th.
    expect(table.columns.map((c: { title: string }) => c.title).slice(2, 6)).toEqual([
      '7',
      '8',
      '14',
      '15',
    ]);
    const row = (name: string) =>
      table.rows.find((r: { student: string }) => r.student.startsWith(name));
    expect(row('Алексеев')).toMatchObject({
      d07: 2,
      d14: null,
      missed: 2,
      missedExcused: 2,
      ill: 2,
      late: 0,
    });
    expect(row('Борисова')).toMatchObject({
      d07: null,
      d14: 1,
      missed: 1,
      missedExcused: 0,
      unexcused: 1,
    });
    // A late arrival is not a missed lesson.
    expect(row('Васильев')).toMatchObject({ d15: null, missed: 0, late: 1 });
    expect(table.totals).toMatchObject({
      student: 'Итого',
      d07: 2,
      d08: 0,
      d14: 1,
      d15: 0,
      missed: 3,
      late: 1,
    });

    const pdf = await built(w.classTeacher.user.auth, { ...body, format: 'pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.file);
    expect(text).toContain('Учёт посещаемости за месяц: сентябрь 2026');
    expect(text).toContain('Алексеев Антон');
    expect(text).toContain('Классный руководитель: Классная');
    expect(pdfPages(pdf.file)).toBeGreaterThanOrEqual(1);
  });

  it('R5: the summary sheet of marks per quarter and for the year, as XLSX read by a second reader', async () => {
    const { file } = await built(w.deputy.auth, {
      type: 'marks-summary',
      format: 'xlsx',
      params: { classId: w.schoolClass.id },
    });
    const sheets = await readXlsxSheets(file);
    expect(sheets.map((s) => s.name)).toEqual([
      '1 четверть',
      '2 четверть',
      '3 четверть',
      '4 четверть',
      'Год',
    ]);
    const first = sheets[0].rows;
    const header = first.find((row) => row[0] === '№')!;
    const math = header.indexOf('Матем.');
    const russian = header.indexOf('Рус. яз.');
    const alekseev = first.find((row) => String(row[1]).startsWith('Алексеев'))!;
    const grigoriev = first.find((row) => String(row[1]).startsWith('Григорьев'))!;
    expect([alekseev[math], alekseev[russian]]).toEqual(['5', '5']);
    expect([grigoriev[math], grigoriev[russian]]).toEqual(['2', '4']);
    const year = sheets[4].rows.find((row) => String(row[1]).startsWith('Алексеев'))!;
    expect(year[math]).toBe('5');
  });

  it('R6: the whole school’s attendance for the leadership; one class’s for its teachers', async () => {
    const { file } = await built(w.deputy.auth, {
      type: 'attendance-summary',
      format: 'json',
      params: { academicYearId: w.year.id },
    });
    const [table] = JSON.parse(file.toString('utf8')).tables;
    expect(table.rows).toEqual([
      expect.objectContaining({
        class: '7А',
        students: 4,
        lessons: 5,
        missed: 3,
        ill: 2,
        unexcused: 1,
        late: 1,
        missedPerStudent: 0.75,
      }),
      expect.objectContaining({ class: '7Б', students: 1, lessons: 0, missed: 0 }),
    ]);
    expect(table.totals).toMatchObject({
      class: 'По школе',
      students: 5,
      lessons: 5,
      missed: 3,
      missedPerStudent: 0.6,
    });

    const ofClass = await built(w.teacher.user.auth, {
      type: 'attendance-summary',
      format: 'json',
      params: { classId: w.schoolClass.id, from: '2026-09-01', to: '2026-09-10' },
    });
    const [classTable] = JSON.parse(ofClass.file.toString('utf8')).tables;
    // Only the 7th and 8th fall in the range: Борисова’s absence on the 14th is not counted.
    expect(classTable.totals).toMatchObject({ missed: 2, unexcused: 0, late: 0 });
    expect(ofClass.report.params).toEqual({
      classId: w.schoolClass.id,
      from: '2026-09-01',
      to: '2026-09-10',
    });
  });

  it('reuses the file of an equal report while the data is unchanged, and builds anew after a change', async () => {
    const body = {
      type: 'attendance-summary',
      format: 'csv',
      params: { classId: w.schoolClass.id, from: '2026-09-01', to: '2026-09-30' },
    };
    const first = await built(w.deputy.auth, body);
    const again = await ask(w.deputy.auth, body).expect(202);
    expect(again.body).toMatchObject({ status: 'done', cached: true, sha256: first.report.sha256 });
    expect(again.body.id).not.toBe(first.report.id);

    const em = t.em();
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId: w.mathLessons[1].id,
      studentId: fourth.id,
      reasonId: w.reasons['У'].id,
      recordedBy: w.teacher.user.account.id,
    });
    await em.flush();
    const changed = await built(w.deputy.auth, body);
    expect(changed.report.cached).toBe(false);
    expect(changed.report.sha256).not.toBe(first.report.sha256);
    const totals = csvRows(changed.file).find((row) => row[1] === 'Итого')!;
    expect(totals.slice(2, 4)).toEqual(['4', '3']);
    await em.nativeDelete(AttendanceEntry, { studentId: fourth.id });
  });

  it('honours Idempotency-Key: a retried request gets the same report, not a second job', async () => {
    const auth = { ...w.deputy.auth, 'Idempotency-Key': 'report-retry-1' };
    const first = await ask(auth, classResults('pdf')).expect(202);
    const retried = await ask(auth, classResults('pdf')).expect(202);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.headers['idempotent-replayed']).toBe('true');
  });

  it('lists only the caller’s own reports, newest first', async () => {
    const mine = await t
      .http()
      .get('/v1/reports?limit=100')
      .set(w.classTeacher.user.auth)
      .expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((r: { type: string }) => r.type === 'attendance-by-month')).toBe(
      true,
    );
    const others = await t.http().get('/v1/reports').set(w.studentUser.auth).expect(200);
    expect(others.body.items).toEqual([]);
    const deputyReport = (await t.em().findOneOrFail(Report, { requestedBy: w.deputy.account.id }))
      .id;
    expectProblem(
      await t.http().get(`/v1/reports/${deputyReport}`).set(w.teacher.user.auth),
      404,
      'resource.not_found',
    );
  });

  describe('who may run which report', () => {
    it('refuses students and parents with 404, and staff without the right with 403', async () => {
      const r4 = classResults('json');
      expectProblem(await ask(w.studentUser.auth, r4), 404, 'resource.not_found');
      expectProblem(await ask(w.parentUser.auth, r4), 404, 'resource.not_found');
      const nurse = await asRole(t, 'medical', w.school);
      expectProblem(await ask(nurse.auth, r4), 403, 'access.forbidden');
      // A teacher of 7А runs its reports, but not the whole school's.
      expect((await ask(w.teacher.user.auth, r4)).status).toBe(202);
      expectProblem(
        await ask(w.teacher.user.auth, {
          type: 'attendance-summary',
          format: 'csv',
          params: { academicYearId: w.year.id },
        }),
        403,
        'access.forbidden',
      );
      // A teacher of no class of the school does not see 7А.
      const stranger = await asRole(t, 'teacher', w.school);
      expectProblem(await ask(stranger.auth, r4), 404, 'resource.not_found');
      // Nor does the deputy of another school.
      const otherDeputy = await asRole(t, 'deputy', await createSchool(t));
      expectProblem(await ask(otherDeputy.auth, r4), 404, 'resource.not_found');
    });

    it('checks again when the file is read: a class teacher who no longer leads the class gets 404', async () => {
      const leader = await createUser(t, { roles: [{ role: 'teacher', school: w.school }] });
      const card = await createPerson(t, w.school, 'staff', {
        lastName: 'Временная',
        accountId: leader.account.id,
      });
      const em = t.em();
      const other = await em.findOneOrFail(SchoolClass, { schoolId: w.school.id, letter: 'Б' });
      other.classTeacher = card;
      await em.flush();
      const body = { type: 'marks-summary', format: 'json', params: { classId: other.id } };
      const { report } = await built(leader.auth, body);
      other.classTeacher = null;
      await em.flush();
      expectProblem(
        await t
          .http()
          .get(`/v1/reports/${report.id as string}/file`)
          .set(leader.auth),
        404,
        'resource.not_found',
      );
    });
  });

  describe('bad requests queue nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await t.em().count(Report, {});
    });
    afterEach(async () => {
      expect(await t.em().count(Report, {})).toBe(before);
    });

    const params = () => ({ classId: w.schoolClass.id, studyPeriodId: w.periods[0].id });

    it('an unknown type or format, or a missing or unknown parameter: 400 naming each', async () => {
      const unknown = expectProblem(
        await ask(w.deputy.auth, { type: 'nope', format: 'doc', params: {} }),
        400,
        'request.invalid',
      );
      expect((unknown.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'format',
        'type',
      ]);
      const missing = expectProblem(
        await ask(w.deputy.auth, {
          type: 'class-results',
          format: 'json',
          params: { classId: w.schoolClass.id, month: '2026-09' },
        }),
        400,
        'request.invalid',
      );
      expect(missing.errors).toEqual([
        {
          field: 'params.studyPeriodId',
          messages: ['studyPeriodId is required for a class-results report'],
        },
        { field: 'params.month', messages: ['a class-results report does not take month'] },
      ]);
      expectProblem(
        await ask(w.deputy.auth, {
          type: 'attendance-by-month',
          format: 'json',
          params: { classId: w.schoolClass.id, month: '2026-13' },
        }),
        400,
        'request.invalid',
      );
    });

    it('an unknown class: 404; a period of another grade or school, a month outside the year: 400', async () => {
      expectProblem(
        await ask(w.deputy.auth, {
          type: 'class-results',
          format: 'json',
          params: { ...params(), classId: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e20' },
        }),
        404,
        'resource.not_found',
      );
      const tenthGradePeriod = periodsOfGrade(w.year, 10)[0];
      const wrongPeriod = expectProblem(
        await ask(w.deputy.auth, {
          type: 'class-results',
          format: 'json',
          params: { ...params(), studyPeriodId: tenthGradePeriod.id },
        }),
        400,
        'request.invalid',
      );
      expect(wrongPeriod.errors).toEqual([
        {
          field: 'params.studyPeriodId',
          messages: [expect.stringContaining('study period of grade 7')],
        },
      ]);
      expectProblem(
        await ask(w.deputy.auth, {
          type: 'attendance-by-month',
          format: 'json',
          params: { classId: w.schoolClass.id, month: '2030-01' },
        }),
        400,
        'request.invalid',
      );
    });

    it('from after to: 400', async () => {
      const body = expectProblem(
        await ask(w.deputy.auth, {
          type: 'attendance-summary',
          format: 'json',
          params: { classId: w.schoolClass.id, from: '2026-10-01', to: '2026-09-01' },
        }),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        { field: 'params.from', messages: ['from (2026-10-01) must not be after to (2026-09-01)'] },
      ]);
    });
  });

  it('a report not built yet has no file: 409 report.not_ready', async () => {
    await worker.close();
    try {
      const asked = await ask(w.deputy.auth, {
        type: 'attendance-by-month',
        format: 'csv',
        params: { classId: w.schoolClass.id, month: '2026-10' },
      }).expect(202);
      expect(asked.body).toMatchObject({
        status: 'queued',
        progress: 0,
        fileName: 'Посещаемость 7А, октябрь 2026.csv',
      });
      expectProblem(
        await t.http().get(`/v1/reports/${asked.body.id}/file`).set(w.deputy.auth),
        409,
        'report.not_ready',
      );
    } finally {
      worker = await startTestWorker(t.config);
    }
  });
});
