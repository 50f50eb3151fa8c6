import { estimateTokens } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { chunkText, createChunker } from './chunk-text.js';

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

  it('cuts a text fed in pieces exactly as the whole text, wherever the pieces end', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const separators = [' ', '. ', '\n', '\n\n', '\n \n', ' \n\n\n ', '! '];
    for (let round = 0; round < 30; round++) {
      let text = '';
      while (text.length < 3000) {
        text += `word${Math.floor(random() * 50)}${separators[Math.floor(random() * separators.length)]}`;
      }
      const options = { size: 16 + Math.floor(random() * 40), overlap: Math.floor(random() * 12) };
      const chunker = createChunker(options);
      const streamed: string[] = [];
      for (let start = 0; start < text.length; ) {
        const end = start + 1 + Math.floor(random() * 40);
        streamed.push(...chunker.push(text.slice(start, end)));
        start = end;
      }
      streamed.push(...chunker.end());
      expect(streamed).toEqual(chunkText(text, options));
    }
  });
});
