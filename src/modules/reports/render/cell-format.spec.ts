import { formatCell } from './cell-format';

describe('formatCell', () => {
  it('writes figures the Russian way: a decimal comma, no grouping', () => {
    expect(formatCell(12.25, 'percent')).toBe('12,3');
    expect(formatCell(100, 'percent')).toBe('100,0');
    expect(formatCell(4.5, 'decimal')).toBe('4,50');
    expect(formatCell(1.005, 'decimal')).toBe('1,01');
    expect(formatCell(12345, 'number')).toBe('12345');
    expect(formatCell(4.5, 'number')).toBe('4,5');
    expect(formatCell(-1.5, 'decimal')).toBe('-1,50');
    expect(formatCell(7, 'text')).toBe('7');
  });

  it('never shows «-0,0» for a tiny negative share', () => {
    expect(formatCell(-0.04, 'percent')).toBe('0,0');
  });

  it('shows nothing for null, missing or non-finite values, and text as it is', () => {
    expect(formatCell(null, 'decimal')).toBe('');
    expect(formatCell(undefined, 'number')).toBe('');
    expect(formatCell(Number.NaN, 'percent')).toBe('');
    expect(formatCell(Number.POSITIVE_INFINITY, 'number')).toBe('');
    expect(formatCell('н/д', 'percent')).toBe('н/д');
  });
});
