import type { GradingScaleValue } from '../reference-data/entities/grading-scale.entity';
import { averages, suggestMark } from './averages';

const fivePoint: GradingScaleValue[] = [
  { value: '5', score: 5 },
  { value: '4', score: 4 },
  { value: '3', score: 3 },
  { value: '2', score: 2 },
  { value: '1', score: 1 },
];
const passFail: GradingScaleValue[] = [
  { value: 'зач', score: null },
  { value: 'незач', score: null },
];

describe('averages', () => {
  it('weights scored marks and ignores marks without a score', () => {
    // 5 (weight 1), 4 (weight 2), 3 (weight 1.5), зач (no score).
    const result = averages([
      { score: 5, weight: 1 },
      { score: 4, weight: 2 },
      { score: 3, weight: 1.5 },
      { score: null, weight: 1 },
    ]);
    // (5 + 8 + 4.5) / 4.5 = 3.888… → 3.89; (5 + 4 + 3) / 3 = 4.
    expect(result).toEqual({ average: 4, weightedAverage: 3.89 });
  });

  it('is null when no mark has a score', () => {
    expect(averages([])).toEqual({ average: null, weightedAverage: null });
    expect(averages([{ score: null, weight: 2 }])).toEqual({
      average: null,
      weightedAverage: null,
    });
  });

  it('rounds half up exactly, like round(numeric, 2)', () => {
    // (4.33 + 3.44) / 2 = 3.885 exactly → 3.89
    expect(
      averages([
        { score: 4.33, weight: 1 },
        { score: 3.44, weight: 1 },
      ]),
    ).toEqual({ average: 3.89, weightedAverage: 3.89 });
    // (1 + 1.01) / 2 = 1.005 → 1.01, where Math.round(((1 + 1.01) / 2) * 100) gives 1.00
    expect(
      averages([
        { score: 1, weight: 1 },
        { score: 1.01, weight: 1 },
      ]).average,
    ).toBe(1.01);
    // (5·0.1 + 2·0.2) / 0.3 = 3 exactly
    expect(
      averages([
        { score: 5, weight: 0.1 },
        { score: 2, weight: 0.2 },
      ]).weightedAverage,
    ).toBe(3);
    // 10/3 = 3.333… → 3.33; 11/3 = 3.666… → 3.67
    expect(
      averages([
        { score: 3, weight: 1 },
        { score: 3, weight: 1 },
        { score: 4, weight: 1 },
      ]).average,
    ).toBe(3.33);
    expect(
      averages([
        { score: 3, weight: 1 },
        { score: 4, weight: 1 },
        { score: 4, weight: 1 },
      ]).average,
    ).toBe(3.67);
  });
});

describe('suggestMark', () => {
  it('rounds half up on the five-point scale', () => {
    expect(suggestMark(2.5, fivePoint)).toBe('3');
    expect(suggestMark(2.49, fivePoint)).toBe('2');
    expect(suggestMark(3.49, fivePoint)).toBe('3');
    expect(suggestMark(3.5, fivePoint)).toBe('4');
    expect(suggestMark(3.89, fivePoint)).toBe('4');
    expect(suggestMark(4.5, fivePoint)).toBe('5');
    expect(suggestMark(5, fivePoint)).toBe('5');
    expect(suggestMark(1, fivePoint)).toBe('1');
  });

  it('takes the nearest score on other scales, ties upward', () => {
    const tenPoint: GradingScaleValue[] = [
      { value: 'отл', score: 90 },
      { value: 'хор', score: 75 },
      { value: 'удовл', score: 60 },
      { value: 'неуд', score: null },
    ];
    expect(suggestMark(82, tenPoint)).toBe('хор');
    expect(suggestMark(82.5, tenPoint)).toBe('отл');
    expect(suggestMark(99, tenPoint)).toBe('отл');
    expect(suggestMark(10, tenPoint)).toBe('удовл');
  });

  it('is null without an average or without scores', () => {
    expect(suggestMark(null, fivePoint)).toBeNull();
    expect(suggestMark(4, passFail)).toBeNull();
  });
});
