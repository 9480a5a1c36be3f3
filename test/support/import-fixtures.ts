import ExcelJS from 'exceljs';
import type { Account } from '../../src/core/auth/entities/account.entity';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../../src/modules/academic-years/entities/academic-year.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { TeachingAssignment } from '../../src/modules/classes/entities/teaching-assignment.entity';
import { Person } from '../../src/modules/people/entities/person.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { createAcademicYear, createClass, createPerson } from './classes-fixtures';
import type { TestApp } from './test-app';

/** The academic year 2026/2027 of a school. */
export const createImportYear = (t: TestApp, school: School): Promise<AcademicYear> =>
  createAcademicYear(t, school, {
    name: '2026/2027',
    startsOn: '2026-09-01',
    endsOn: '2027-05-31',
  });

/** A staff card held by an account (how a teacher is known to classes). */
export const createStaffCard = (t: TestApp, school: School, account: Account): Promise<Person> =>
  createPerson(t, school, 'staff', {
    lastName: 'Учителева',
    firstName: 'Нина',
    accountId: account.id,
  });

export { createClass as createImportClass };

/** The teacher teaches a subject in the class (reads it) without leading it. */
export async function assignSubjectTeacher(
  t: TestApp,
  schoolClass: SchoolClass,
  teacher: Person,
): Promise<void> {
  const em = t.em();
  const subject = em.create(Subject, {
    schoolId: schoolClass.schoolId,
    name: 'Математика',
    shortName: 'Матем.',
  });
  em.create(TeachingAssignment, {
    schoolId: schoolClass.schoolId,
    schoolClass: em.getReference(SchoolClass, schoolClass.id),
    subject,
    teacher: em.getReference(Person, teacher.id),
  });
  await em.flush();
}

/** A CSV file as a school would save it from Excel: BOM, `;`, CRLF. */
export const toCsv = (rows: string[][], separator = ';'): Buffer => {
  const quote = (cell: string) => (/[;,"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = rows.map((cells) => cells.map(quote).join(separator));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
};

/** An XLSX file whose first sheet holds the rows; Date values become date cells. */
export async function toXlsx(rows: (string | Date | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('7Б');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header of a full class-list file (student, then parents 1 and 2). */
export const HEADER = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'Телефон',
  'Email',
  'Адрес',
  'Родитель 1 Фамилия',
  'Родитель 1 Имя',
  'Родитель 1 Отчество',
  'Родитель 1 Кем приходится',
  'Родитель 1 Телефон',
  'Родитель 1 Email',
  'Родитель 2 Фамилия',
  'Родитель 2 Имя',
  'Родитель 2 Отчество',
  'Родитель 2 Кем приходится',
  'Родитель 2 Телефон',
  'Родитель 2 Email',
];
// prettier-ignore
export const IVANOV = ['Иванов', 'Пётр', 'Сергеевич', '05.03.2014', 'М', '', '', 'г. Казань, ул. Ленина, 1', 'Иванова', 'Мария', 'Петровна', 'мать', '8 912 345-67-89', 'ivanova@example.ru', 'Иванов', 'Сергей', 'Петрович', 'отец', '+7 (912) 000-11-22', ''];
// Иванов and Иванова are siblings: their mother is one card, linked to both.
// prettier-ignore
export const IVANOVA = ['Иванова', 'Анна', 'Сергеевна', '2015-07-12', 'Ж', '', '', '', 'Иванова', 'Мария', 'Петровна', 'Мать', '+79123456789', '', '', '', '', '', '', ''];
// prettier-ignore
export const SMIRNOVA = ['Смирнова', 'Ольга', '', '11.11.2014', 'ж', '+7 900 111-22-33', 'olga@example.ru', '', 'Смирнов', 'Андрей', '', 'отец', '89001112233', '', '', '', '', '', '', ''];
export const CLEAN = [HEADER, IVANOV, IVANOVA, SMIRNOVA];
/** Five data rows; rows 3, 4 and 6 of the sheet are bad. */
export const WITH_ERRORS = [
  HEADER,
  IVANOV,
  ['', 'Олег', '', '01.01.2014'],
  ['Петров', 'Олег', '', '32.01.2014', 'X'],
  SMIRNOVA,
  ['Сидоров', 'Иван', '', '01.02.2014', 'М', '', '', '', 'Сидорова', '', '', '', 'abc'],
];

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
