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
  const chunker = createChunker(options);
  return [...chunker.push(text), ...chunker.end()];
}

/**
 * The same cut as `chunkText`, fed piece by piece: `push` takes the next piece of the text (cut
 * anywhere) and returns the chunks that are complete, `end` returns the rest. Memory holds one
 * paragraph and the units of the chunk being built, not the text, so a 50 MB file streams.
 */
export interface Chunker {
  push(piece: string): string[];
  end(): string[];
}

export function createChunker(options: ChunkOptions): Chunker {
  const estimate = options.estimate ?? estimateTokens;
  /** Units from the start of the chunk being built. */
  let units: Unit[] = [];
  let tokens = 0;
  let pending = '';
  /** Where in `pending` a paragraph break may start: earlier text was already searched. */
  let searchFrom = 0;

  const emit = (to: number) =>
    units
      .slice(0, to)
      .map((unit, index) => (index === 0 ? unit.text : unit.separator + unit.text))
      .join('');

  /** Adds one unit; returns the chunk it completed, if any. */
  const addUnit = (unit: Unit, chunks: string[]) => {
    units.push(unit);
    tokens += unit.tokens;
    // The chunk from units[0] is complete once a unit after the first no longer fits.
    while (units.length > 1 && tokens > options.size) {
      let end = 1;
      let size = units[0]!.tokens;
      while (size + units[end]!.tokens <= options.size) size += units[end++]!.tokens;
      chunks.push(emit(end));
      let next = end;
      let carried = 0;
      while (next - 1 > 0 && carried + units[next - 1]!.tokens <= options.overlap) {
        next--;
        carried += units[next]!.tokens;
      }
      const start = carried + units[end]!.tokens > options.size ? end : next;
      units = units.slice(start);
      tokens = units.reduce((total, current) => total + current.tokens, 0);
    }
  };

  const addParagraph = (raw: string, chunks: string[]) => {
    const paragraph = raw.trim();
    if (paragraph === '') return;
    splitToFit(paragraph, options.size, estimate).forEach((piece, index) => {
      addUnit(
        { text: piece, tokens: estimate(piece), separator: index === 0 ? '\n\n' : ' ' },
        chunks,
      );
    });
  };

  return {
    push(piece) {
      const chunks: string[] = [];
      pending += piece;
      const breaks = /\n\s*\n/g;
      breaks.lastIndex = searchFrom;
      let from = 0;
      for (let match = breaks.exec(pending); match; match = breaks.exec(pending)) {
        addParagraph(pending.slice(from, match.index), chunks);
        from = match.index + match[0].length;
      }
      pending = pending.slice(from);
      // A break may begin in the trailing whitespace, and continue in the next piece.
      searchFrom = pending.length - (pending.length - pending.trimEnd().length);
      return chunks;
    },
    end() {
      const chunks: string[] = [];
      addParagraph(pending, chunks);
      pending = '';
      if (units.length > 0) chunks.push(emit(units.length));
      units = [];
      tokens = 0;
      return chunks;
    },
  };
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
