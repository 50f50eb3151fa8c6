import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stemEnglish } from './stem-english.js';

/** NLTK 3.9's SnowballStemmer('english') on every word of the demo corpus and tricky cases. */
const expected = JSON.parse(
  readFileSync(new URL('./stem-english.fixture.json', import.meta.url), 'utf8'),
) as Record<string, string>;

describe('stemEnglish', () => {
  it(`stems ${Object.keys(expected).length} words exactly as NLTK's English Snowball stemmer`, () => {
    const mismatched = Object.entries(expected).flatMap(([word, stem]) =>
      stemEnglish(word) === stem ? [] : [{ word, nltk: stem, ours: stemEnglish(word) }],
    );
    expect(mismatched).toEqual([]);
  });

  it("keeps NLTK's region bookkeeping where it differs from the reference Snowball stemmer", () => {
    expect(stemEnglish('quantization')).toBe('quantize');
    expect(stemEnglish('quantize')).toBe('quantiz');
  });

  it('keeps one- and two-letter words, maps exceptions and strips possessives', () => {
    expect(stemEnglish('as')).toBe('as');
    expect(stemEnglish('skies')).toBe('sky');
    expect(stemEnglish("wolf's")).toBe('wolf');
    expect(stemEnglish('Running')).toBe('run');
  });
});
