import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads seconds, whole or fractional', () => {
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3_000);
    expect(parseRetryAfter({ 'retry-after': ' 1.5 ' }, now)).toBe(1_500);
    expect(parseRetryAfter({ 'retry-after': '0' }, now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:20 GMT' }, now)).toBe(20_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms (OpenAI) and ignores an unusable one', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after-ms': '', 'retry-after': '9' }, now)).toBe(9_000);
    expect(parseRetryAfter({ 'retry-after-ms': '-5', 'retry-after': '9' }, now)).toBe(9_000);
    expect(parseRetryAfter({ 'retry-after-ms': 'soon' }, now)).toBeUndefined();
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter({ 'retry-after': ['2', '60'] }, now)).toBe(2_000);
  });

  it('returns undefined when nothing usable is there', () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'later' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-1' }, now)).toBeUndefined();
  });
});
