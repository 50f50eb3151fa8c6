import { punktEnglishAbbreviations, punktEnglishSentenceStarters } from './punkt-english-model.js';

/** A word with its sentence-final punctuation and closing quotes or brackets, as Punkt sees it. */
const sentenceEnd = /^[("'[{«“‘]*(.*?)([.?!]+)(["')\]}»”’]*)$/u;
const number = /^-?[.,]?\p{Nd}[\p{Nd}.,-]*$/u;

/**
 * Splits English text into sentences the way NLTK's Punkt tokenizer with its English model does
 * for pymilvus' default analyzer, which matters because the word tokenizer separates a period
 * only at the end of a sentence (`home.` mid-sentence stays one token).
 *
 * A word ending in `?` or `!` ends a sentence. A word ending in a period does too, unless it is
 * an abbreviation of the English model (`dr.`, `p.m.`, `u.s.`), a single-letter initial, an
 * ellipsis or a number followed by a lowercase word; those still end the sentence when the next
 * word is a capitalised frequent sentence starter ("The", "However"). Punkt's per-word
 * orthographic statistics are not reproduced: after an abbreviation or initial, a capitalised
 * word that is not a frequent starter continues the sentence.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const words = [...text.matchAll(/\S+/gu)];
  let start = 0;
  for (let position = 0; position < words.length - 1; position++) {
    const word = words[position]!;
    if (!endsSentence(word[0], words[position + 1]![0])) continue;
    const end = word.index + word[0].length;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

function endsSentence(word: string, next: string): boolean {
  const match = sentenceEnd.exec(word);
  if (!match) return false;
  const [, body = '', marks = ''] = match;
  if (marks.includes('?') || marks.includes('!')) return true;
  const nextWord = next.replace(/^[("'[{«“‘`]+/u, '');
  const startsSentence =
    /^\p{Lu}/u.test(nextWord) && punktEnglishSentenceStarters.has(nextWord.toLowerCase());
  const type = body.toLowerCase();
  if (marks.length > 1 || type === '') return startsSentence;
  if (punktEnglishAbbreviations.has(type) || /^\p{L}$/u.test(type)) return startsSentence;
  if (number.test(type) && /^\p{Ll}/u.test(nextWord)) return false;
  return true;
}
