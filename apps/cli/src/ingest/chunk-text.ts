import { estimateTokens } from '@embedkit/core';

export interface ChunkOptions {
  /** Largest chunk, in estimated tokens. */
  size: number;
  /** Tokens of the previous chunk repeated at the start of the next, for context across the cut. */
  overlap: number;
  estimate?: (text: string) => number;
}

interface Unit {
  text: string;
  tokens: number;
  /** Joins this unit to the one before it: a blank line between paragraphs, a space inside one. */
  separator: string;
}

/**
 * Cuts a text into chunks of at most `size` tokens on paragraph boundaries, then sentence
 * boundaries, then word boundaries — the finest cut only where a coarser one does not fit — and
 * repeats up to `overlap` tokens of whole units from one chunk at the start of the next.
 */
export function chunkText(text: string, options: ChunkOptions): string[] {
  const estimate = options.estimate ?? estimateTokens;
  const units: Unit[] = [];
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  for (const paragraph of paragraphs) {
    const pieces = splitToFit(paragraph, options.size, estimate);
    pieces.forEach((piece, index) => {
      units.push({ text: piece, tokens: estimate(piece), separator: index === 0 ? '\n\n' : ' ' });
    });
  }
  const chunks: string[] = [];
  const join = (from: number, to: number) =>
    units
      .slice(from, to)
      .map((unit, index) => (index === 0 ? unit.text : unit.separator + unit.text))
      .join('');
  let start = 0;
  while (start < units.length) {
    let end = start;
    let tokens = 0;
    while (end < units.length && (end === start || tokens + units[end]!.tokens <= options.size)) {
      tokens += units[end]!.tokens;
      end++;
    }
    chunks.push(join(start, end));
    if (end >= units.length) break;
    let next = end;
    let carried = 0;
    while (next - 1 > start && carried + units[next - 1]!.tokens <= options.overlap) {
      next--;
      carried += units[next]!.tokens;
    }
    start = carried + units[end]!.tokens > options.size ? end : next;
  }
  return chunks;
}

/** Splits one paragraph into sentences, and over-long sentences into word runs, each ≤ `size`. */
function splitToFit(paragraph: string, size: number, estimate: (text: string) => number): string[] {
  if (estimate(paragraph) <= size) return [paragraph];
  const sentences = paragraph.match(/[^.!?…。！？]+(?:[.!?…。！？]+["')\]]*|$)\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (sentence === '') continue;
    if (estimate(sentence) <= size) {
      pieces.push(sentence);
      continue;
    }
    let run: string[] = [];
    for (const word of sentence.split(/\s+/)) {
      const candidate = [...run, word].join(' ');
      if (run.length > 0 && estimate(candidate) > size) {
        pieces.push(run.join(' '));
        run = [];
      }
      run.push(word);
    }
    if (run.length > 0) pieces.push(run.join(' '));
  }
  return pieces;
}
