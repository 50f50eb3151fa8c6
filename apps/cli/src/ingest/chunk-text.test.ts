import { estimateTokens } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text.js';

const paragraph = (label: string, sentences: number) =>
  Array.from(
    { length: sentences },
    (_, index) => `${label} sentence number ${index} talks about topic ${label}.`,
  ).join(' ');

describe('chunkText', () => {
  it('keeps a short text whole', () => {
    expect(chunkText('One short paragraph.', { size: 100, overlap: 10 })).toEqual([
      'One short paragraph.',
    ]);
  });

  it('cuts on paragraph boundaries and keeps every chunk within the size', () => {
    const text = [paragraph('alpha', 3), paragraph('beta', 3), paragraph('gamma', 3)].join('\n\n');
    const chunks = chunkText(text, { size: 60, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(estimateTokens(chunk)).toBeLessThanOrEqual(60);
    expect(chunks.join('\n\n')).toBe(text);
  });

  it('splits an over-long paragraph at sentence ends, never mid-sentence when a sentence fits', () => {
    const text = paragraph('delta', 20);
    const chunks = chunkText(text, { size: 40, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.endsWith('.')).toBe(true);
      expect(estimateTokens(chunk)).toBeLessThanOrEqual(40);
    }
  });

  it('repeats whole sentences from the end of one chunk at the start of the next', () => {
    const text = paragraph('epsilon', 12);
    const chunks = chunkText(text, { size: 60, overlap: 20 });
    for (let index = 1; index < chunks.length; index++) {
      const firstSentence = chunks[index]!.split('. ')[0]!;
      expect(chunks[index - 1]).toContain(firstSentence);
    }
  });

  it('cuts a sentence without punctuation on word boundaries', () => {
    const text = Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ');
    const chunks = chunkText(text, { size: 50, overlap: 0 });
    expect(chunks.join(' ')).toBe(text);
    for (const chunk of chunks) expect(estimateTokens(chunk)).toBeLessThanOrEqual(50);
  });
});
