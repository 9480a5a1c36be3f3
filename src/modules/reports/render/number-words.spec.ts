import { numberInWords, pluralRu, sheetCount } from './number-words';

describe('sheet counts in Russian words', () => {
  it.each([
    [1, '1 (один) лист'],
    [2, '2 (два) листа'],
    [4, '4 (четыре) листа'],
    [5, '5 (пять) листов'],
    [11, '11 (одиннадцать) листов'],
    [12, '12 (двенадцать) листов'],
    [14, '14 (четырнадцать) листов'],
    [20, '20 (двадцать) листов'],
    [21, '21 (двадцать один) лист'],
    [22, '22 (двадцать два) листа'],
    [25, '25 (двадцать пять) листов'],
    [100, '100 (сто) листов'],
    [101, '101 (сто один) лист'],
    [111, '111 (сто одиннадцать) листов'],
    [112, '112 (сто двенадцать) листов'],
    [121, '121 (сто двадцать один) лист'],
    [200, '200 (двести) листов'],
    [1000, '1000 (тысяча) листов'],
  ])('%i → «%s»', (count, expected) => {
    expect(sheetCount(count)).toBe(expected);
  });

  it('says thousands in the feminine, with their own noun form', () => {
    expect(numberInWords(2001)).toBe('две тысячи один');
    expect(numberInWords(5012)).toBe('пять тысяч двенадцать');
    expect(numberInWords(21_000)).toBe('двадцать одна тысяча');
    expect(numberInWords(0)).toBe('ноль');
    expect(pluralRu(1011, ['лист', 'листа', 'листов'])).toBe('листов');
  });

  it('refuses what it cannot say', () => {
    expect(() => numberInWords(-1)).toThrow(RangeError);
    expect(() => numberInWords(1.5)).toThrow(RangeError);
  });
});
