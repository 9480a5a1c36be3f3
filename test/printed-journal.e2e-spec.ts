import type { INestApplicationContext } from '@nestjs/common';
import { Report } from '../src/modules/reports/entities/report.entity';
import { closePeriod, createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { expectProblem } from './support/problem-matchers';
import { seedPrintedJournal } from './support/printed-journal-fixtures';
import { pdfPages, pdfText, rawPages } from './support/report-readers';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually, startTestWorker } from './support/workers';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

/**
 * The printed journal (J9) of 7А for the first quarter. Worked by hand below: mathematics
 * (4 lessons) and Russian (1 lesson); marks, absences, topics and homework, period marks.
 * Pages: title, a spread (2 pages) per subject, attendance totals, the certification sheet = 7.
 */
describe('printed journal (J9)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: JournalWorld;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t.config);
    w = await createJournalWorld(t);
    await seedPrintedJournal(t, w);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const ask = (auth: Record<string, string>, body: object) =>
    t.http().post('/v1/reports').set(auth).send(body);
  const journal = (params: object, format = 'pdf') => ({
    type: 'printed-journal',
    format,
    params: { classId: w.schoolClass.id, ...params },
  });
  const quarter = (extra: object = {}) => journal({ studyPeriodId: w.periods[0].id, ...extra });

  async function built(auth: Record<string, string>, body: object) {
    const asked = await ask(auth, body);
    expect(asked.status).toBe(202);
    const report = await eventually(async () => {
      const got = await t.http().get(`/v1/reports/${asked.body.id}`).set(auth).expect(200);
      if (got.body.status === 'failed') throw new Error(JSON.stringify(got.body.problem));
      return got.body.status === 'done' ? (got.body as Record<string, unknown>) : undefined;
    });
    const file = await t
      .http()
      .get(`/v1/reports/${asked.body.id}/file`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return { report, file: file.body as Buffer };
  }

  it('prints a draft of an open quarter: every page stamped, the journal worked out by hand', async () => {
    const { report, file } = await built(w.deputy.auth, quarter({ draft: true }));
    expect(report).toMatchObject({
      type: 'printed-journal',
      format: 'pdf',
      params: { classId: w.schoolClass.id, studyPeriodId: w.periods[0].id, draft: true },
      fileName: 'Классный журнал 7А, 1 четверть, черновик.pdf',
      pages: 7,
    });
    expect(pdfPages(file)).toBe(7);
    const raw = rawPages(file);
    expect(raw).toHaveLength(7);
    raw.forEach((page) => expect(page.replace(/\s+/g, '')).toContain('Черновик'));

    const pages = pdfText(file).split('\f').map(oneLine);
    // Title page, with the class teacher's certification (J13).
    expect(pages[0]).toContain('Классный журнал');
    expect(pages[0]).toContain('7А класс');
    expect(pages[0]).toContain('Учебный год: 2026/2027');
    expect(pages[0]).toContain('Период: 1 четверть (с 01.09.2026 по 24.10.2026)');
    expect(pages[0]).toContain('Классный руководитель: Классная Имя');
    expect(pages[0]).toContain(
      'Журнал проверен. Классный руководитель ____________ (подпись) ____________ (дата)',
    );
    // Mathematics, left page: dates, then the quarter's marks; cells as hand-worked.
    expect(pages[1]).toContain('Математика');
    expect(pages[1]).toMatch(/07\.09 08\.09 14\.09 15\.09 1 четверть/);
    expect(pages[1]).toMatch(/1 Алексеев Антон Б 4 У 4 /);
    expect(pages[1]).toMatch(/2 Борисова Вера 5\/4 Н 5 /);
    // pdftotext may drop the narrow space inside the cell «О 3».
    expect(pages[1]).toMatch(/3 Васильев Глеб О ?3 3 /);
    // Mathematics, right page: number, date, topic, homework, teacher.
    expect(pages[2]).toContain('1 07.09 Натуральные числа §1, № 5–10 Математикова Имя');
    expect(pages[2]).toContain('2 08.09 Сложение дробей §2, № 12 Математикова Имя');
    expect(pages[2]).toMatch(/4 15\.09 Математикова Имя/);
    // Russian.
    expect(pages[3]).toContain('Русский язык');
    expect(pages[3]).toMatch(/1 Алексеев Антон Б /);
    expect(pages[3]).toMatch(/3 Васильев Глеб 5 5 /);
    expect(pages[4]).toContain('1 07.09 Орфограммы в корне слова упр. 14 Русскова Имя');
    // Attendance: missed, of them excused (Б, У), unexcused (Н), late (О).
    expect(pages[5]).toContain('Итоги посещаемости');
    expect(pages[5]).toContain('1 Алексеев Антон 3 3 0 0');
    expect(pages[5]).toContain('2 Борисова Вера 1 0 1 0');
    expect(pages[5]).toContain('3 Васильев Глеб 0 0 0 1');
    expect(pages[5]).toContain('Итого 4 3 1 1');
    // The certification sheet: N is the PDF's own page count, in figures and words.
    expect(pages[6]).toContain('Прошито, пронумеровано и скреплено печатью 7 (семь) листов.');
    expect(pages[6]).toContain('Директор ____________ (подпись) Директорова Имя');
    expect(pages[6]).toContain('Классный руководитель ____________ (подпись) Классная Имя');
    expect(pages[6]).toContain('М.П.');
    expect(pages[6]).toContain('Дата: 25.11.2026');
    pages
      .slice(0, 7)
      .forEach((page, index) => expect(page).toContain(`Страница ${index + 1} из 7`));
  });

  it('prints the whole year as a draft, with each quarter’s marks and the year’s', async () => {
    const { report, file } = await built(
      w.deputy.auth,
      journal({ academicYearId: w.year.id, draft: true }),
    );
    expect(report).toMatchObject({ pages: 7 });
    const pages = pdfText(file).split('\f').map(oneLine);
    expect(pages[0]).toContain('Период: учебный год (с 01.09.2026 по 31.05.2027)');
    expect(pages[1]).toMatch(/15\.09 1 четверть 2 четверть 3 четверть 4 четверть Год/);
    expect(pages[1]).toMatch(/2 Борисова Вера 5\/4 Н 5 5 /);
    expect(pages[6]).toContain('7 (семь) листов');
  });

  describe('refusals', () => {
    let before: number;
    beforeEach(async () => {
      before = await t.em().count(Report, {});
    });
    afterEach(async () => {
      expect(await t.em().count(Report, {})).toBe(before);
    });

    it('an open period without draft: 409 report.period_not_closed, nothing queued', async () => {
      const body = expectProblem(
        await ask(w.deputy.auth, quarter()),
        409,
        'report.period_not_closed',
      );
      expect(body.detail).toContain('«1 четверть»');
      const year = expectProblem(
        await ask(w.deputy.auth, journal({ academicYearId: w.year.id })),
        409,
        'report.period_not_closed',
      );
      expect(year.detail).toContain('«2 четверть»');
    });

    it('PDF only; a period or the year, of the class; draft only for the printed journal', async () => {
      const csv = expectProblem(
        await ask(w.deputy.auth, { ...quarter({ draft: true }), format: 'csv' }),
        400,
        'request.invalid',
      );
      expect((csv.errors as { field: string }[]).map((e) => e.field)).toEqual(['format']);
      const neither = expectProblem(await ask(w.deputy.auth, journal({})), 400, 'request.invalid');
      expect((neither.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'params.studyPeriodId',
      ]);
      const otherYear = expectProblem(
        await ask(w.deputy.auth, journal({ academicYearId: w.schoolClass.id })),
        400,
        'request.invalid',
      );
      expect((otherYear.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'params.academicYearId',
      ]);
      const notBoolean = expectProblem(
        await ask(w.deputy.auth, quarter({ draft: 'yes' })),
        400,
        'request.invalid',
      );
      expect((notBoolean.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'params.draft',
      ]);
      const classResults = expectProblem(
        await ask(w.deputy.auth, {
          type: 'class-results',
          format: 'pdf',
          params: { classId: w.schoolClass.id, studyPeriodId: w.periods[0].id, draft: true },
        }),
        400,
        'request.invalid',
      );
      expect((classResults.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'params.draft',
      ]);
    });

    it('a subject teacher of the class: 403; students and parents: 404 (before the period check)', async () => {
      expectProblem(
        await ask(w.teacher.user.auth, quarter({ draft: true })),
        403,
        'access.forbidden',
      );
      expectProblem(await ask(w.teacher.user.auth, quarter()), 403, 'access.forbidden');
      expectProblem(await ask(w.studentUser.auth, quarter()), 404, 'resource.not_found');
      expectProblem(
        await ask(w.parentUser.auth, quarter({ draft: true })),
        404,
        'resource.not_found',
      );
    });
  });

  it('the class teacher prints the closed quarter: no «Черновик»; the prints are listed', async () => {
    await closePeriod(t, w, w.periods[0].id);
    const { report, file } = await built(w.classTeacher.user.auth, quarter());
    expect(report).toMatchObject({
      params: { classId: w.schoolClass.id, studyPeriodId: w.periods[0].id, draft: false },
      fileName: 'Классный журнал 7А, 1 четверть.pdf',
      pages: 7,
    });
    expect(pdfPages(file)).toBe(7);
    const text = pdfText(file);
    expect(text.replace(/\s+/g, '')).not.toContain('Черновик');
    expect(oneLine(text)).toContain('печатью 7 (семь) листов');

    const list = await t
      .http()
      .get(`/v1/classes/${w.schoolClass.id}/printed-journals`)
      .set(w.deputy.auth)
      .expect(200);
    const items = list.body.items as Record<string, unknown>[];
    // Newest first: the final copy, the year's draft, the quarter's draft.
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      reportId: report.id,
      studyPeriod: { id: w.periods[0].id, name: '1 четверть' },
      academicYearId: null,
      draft: false,
      pages: 7,
      sha256: report.sha256,
      printedBy: w.classTeacher.user.account.id,
      printedAt: report.finishedAt,
    });
    expect(items[1]).toMatchObject({ studyPeriod: null, academicYearId: w.year.id, draft: true });
    expect(items[2]).toMatchObject({ draft: true, pages: 7, printedBy: w.deputy.account.id });
    expect(items.every((item) => /^[0-9a-f]{64}$/.test(item.sha256 as string))).toBe(true);

    await t
      .http()
      .get(`/v1/classes/${w.schoolClass.id}/printed-journals`)
      .set(w.classTeacher.user.auth)
      .expect(200);
    for (const auth of [w.teacher.user.auth, w.studentUser.auth, w.parentUser.auth]) {
      expectProblem(
        await t.http().get(`/v1/classes/${w.schoolClass.id}/printed-journals`).set(auth),
        404,
        'resource.not_found',
      );
    }
  });
});
