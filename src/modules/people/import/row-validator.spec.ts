import { mapHeader } from './import-columns';
import { normalizePhone, parseDate, validateRow, validateRows } from './row-validator';

const header = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'Телефон',
  'Email',
  'Родитель 1 Фамилия',
  'Родитель 1 Имя',
  'Родитель 1 Кем приходится',
  'Родитель 1 Телефон',
];
const { columns } = mapHeader(header);
const context = { today: '2026-11-20', yearStartsOn: '2026-09-01' };
const row = (cells: string[], n = 2) => validateRow(n, cells, columns, context);

describe('row validator', () => {
  it('reads a good row and normalises its values', () => {
    const parsed = row([
      'Фёдоров',
      'Пётр',
      '',
      '05.03.2013',
      'м',
      '8 (912) 345-67-89',
      'Petr@Example.RU',
      'Фёдорова',
      'Анна',
      'Мать',
      '9123456780',
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.student).toMatchObject({
      lastName: 'Фёдоров',
      middleName: null,
      birthDate: '2013-03-05',
      sex: 'male',
      phone: '+79123456789',
      email: 'petr@example.ru',
    });
    expect(parsed.parents).toEqual([
      expect.objectContaining({ slot: 1, relation: 'mother', phone: '+79123456780' }),
    ]);
  });

  it('names the column and the problem of every bad cell', () => {
    const parsed = row(['', 'Иван', '', '31.02.2013', 'X', 'abc', 'no-at', 'Иванова', '', '', '']);
    expect(parsed.errors).toEqual([
      { column: 'Фамилия', message: 'не заполнено' },
      { column: 'Дата рождения', message: 'дата должна быть в виде ДД.ММ.ГГГГ' },
      { column: 'Пол', message: 'укажите М или Ж' },
      { column: 'Телефон', message: 'не похоже на номер телефона' },
      { column: 'Email', message: 'не похоже на адрес электронной почты' },
      { column: 'Родитель 1 Имя', message: 'не заполнено' },
      { column: 'Родитель 1 Кем приходится', message: 'не заполнено' },
    ]);
  });

  it('checks the age at the start of the academic year and refuses future dates', () => {
    expect(row(['А', 'Б', '', '2022-01-01']).errors[0].message).toMatch(/ученику 4 лет/);
    expect(row(['А', 'Б', '', '2027-01-01']).errors[0].message).toBe('дата рождения в будущем');
    expect(row(['А', 'Б', '', '2021-09-01']).errors).toEqual([]);
  });

  it('skips empty rows and flags a student repeated in the file', () => {
    const rows = validateRows(
      {
        header,
        rows: [
          { row: 2, cells: ['Ёлкин', 'Иван', '', '01.01.2014'] },
          { row: 3, cells: ['', ' ', ''] },
          { row: 4, cells: ['елкин', 'иван', '', '2014-01-01'] },
        ],
      },
      columns,
      context,
    );
    expect(rows.map((r) => [r.row, r.errors])).toEqual([
      [2, []],
      [4, [{ column: '*', message: 'этот ученик уже есть в строке 2' }]],
    ]);
  });

  it('parses dates and phones', () => {
    expect(parseDate('1.9.2015')).toBe('2015-09-01');
    expect(parseDate('2015-13-01')).toBeNull();
    expect(normalizePhone('+7 912 345-67-89')).toBe('+79123456789');
    expect(normalizePhone('+375 29 123-45-67')).toBe('+375291234567');
    expect(normalizePhone('12')).toBeNull();
  });
});
