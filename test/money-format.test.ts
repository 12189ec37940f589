import { describe, expect, it } from 'vitest';
import { decimalString, formatMoney, parseMoney } from '../renderer/src/lib/money.ts';

describe('money in the UI', () => {
  it('turns minor units into exact decimals for every currency exponent', () => {
    expect(decimalString(123456789012345, 'CAD')).toBe('1234567890123.45');
    expect(decimalString(5, 'USD')).toBe('0.05');
    expect(decimalString(1500, 'JPY')).toBe('1500');
    expect(decimalString(1234, 'KWD')).toBe('1.234');
    expect(decimalString(-5, 'EUR')).toBe('-0.05');
  });

  it('formats with the currency code in English and French', () => {
    const plain = (s: string) => s.replace(/[\s\u00a0\u202f]/g, ' ');
    expect(plain(formatMoney('en-CA', 123456, 'CAD'))).toBe('CAD 1,234.56');
    expect(plain(formatMoney('fr-CA', 123456, 'CAD'))).toBe('1 234,56 CAD');
    // A float path would print 9007199254740.99 as ...0.98 or ...1.00
    expect(plain(formatMoney('en-CA', 900719925474099, 'USD'))).toBe('USD 9,007,199,254,740.99');
  });

  it('parses typed amounts exactly, or refuses them', () => {
    expect(parseMoney('1,234.50', 'CAD')).toBe(123450);
    expect(parseMoney('1 234,50', 'CAD')).toBe(123450);
    expect(parseMoney('0.1', 'CAD')).toBe(10);
    expect(parseMoney('12.345', 'CAD')).toBe(1234500);
    expect(parseMoney('12.3456', 'CAD')).toBeNull();
    expect(parseMoney('1,2,3', 'CAD')).toBeNull();
    expect(parseMoney('12.345', 'KWD')).toBe(12345);
    expect(parseMoney('abc', 'CAD')).toBeNull();
    expect(parseMoney('1500', 'JPY')).toBe(1500);
  });
});
