// Money as the screens write it: whole cents, the sign once in front (a cost under its estimate).
import { describe, expect, it } from 'vitest';
import { moneyText } from '../../src/screens/metal/metalText';

describe('moneyText', () => {
  it.each([
    [2500, '25.00'],
    [5, '0.05'],
    [0, '0.00'],
    [-150, '-1.50'],
    [-5, '-0.05'],
    [123456, '1234.56'],
  ])('%i cents reads %s', (cents, text) => {
    expect(moneyText(cents)).toBe(text);
  });
});
