import { columnTitle, mapHeader } from './import-columns';

describe('mapHeader', () => {
  it('maps Russian headers case-insensitively, with ё as е, and English aliases', () => {
    const { columns, errors } = mapHeader([
      ' ФАМИЛИЯ ',
      'имя',
      'Отчество',
      'Дата  рождения',
      'sex',
      'E-mail',
      'Родитель 1 Кем приходится',
      'parent2_phone',
    ]);
    expect(errors).toEqual([]);
    expect(columns.map((c) => c && columnTitle(c))).toEqual([
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения',
      'Пол',
      'Email',
      'Родитель 1 Кем приходится',
      'Родитель 2 Телефон',
    ]);
  });

  it('reports unknown, repeated and missing columns, one error each', () => {
    const { errors } = mapHeader(['Фамилия', 'last_name', 'Класс', 'СНИЛС', '']);
    expect(errors).toEqual([
      'неизвестные столбцы: Класс, СНИЛС',
      'столбцы повторяются: Фамилия',
      'нет обязательных столбцов: Имя, Дата рождения',
    ]);
  });
});
