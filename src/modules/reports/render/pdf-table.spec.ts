import { fitTable, type ColumnMeasure } from './pdf-table';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const column = (tight: number, min: number, content: number, desired: number): ColumnMeasure => ({
  tight,
  min,
  content,
  desired,
});

describe('fitTable', () => {
  it('gives every column its desired width when the table fits', () => {
    expect(fitTable([column(20, 30, 60, 80), column(20, 40, 40, 50)], 500)).toEqual({
      fontSize: 9,
      widths: [80, 50],
    });
  });

  it('wraps headers before cells: shares out the room between two levels', () => {
    // content sums to 100, desired to 130: 15 of the 30 lacking is there.
    const { fontSize, widths } = fitTable([column(10, 20, 60, 80), column(10, 20, 40, 50)], 115);
    expect(fontSize).toBe(9);
    expect(widths[0]).toBeCloseTo(70);
    expect(widths[1]).toBeCloseTo(45);
  });

  it('shrinks the font when even the narrowest columns do not fit, but not below 6 pt', () => {
    const wide = Array.from({ length: 30 }, () => column(15, 40, 40, 60));
    const shrunk = fitTable(wide, 1000);
    expect(shrunk.fontSize).toBeLessThan(9);
    expect(shrunk.fontSize).toBeGreaterThanOrEqual(6);
    expect(sum(shrunk.widths)).toBeLessThanOrEqual(1000 + 1e-6);

    const squeezed = fitTable(wide, 300);
    expect(squeezed.fontSize).toBe(6);
    expect(sum(squeezed.widths)).toBeCloseTo(300);
  });
});
