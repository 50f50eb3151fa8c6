/** One rewrite of the text: a pattern and what each match becomes. */
type Rewrite = readonly [pattern: RegExp, replacement: string];

const word = '[\\p{L}\\p{N}_]';
const notWord = `(?!${word})`;

/** Opening quotes become their own tokens; a straight double quote that opens becomes ``. */
const startingQuotes: readonly Rewrite[] = [
  [/([«“‘„]|`+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${word})${notWord}`, 'giu'), '$1 $2'],
];

/** Punctuation: the sentence's final period, clause marks, ellipses, symbols, ? and !. */
const punctuation: readonly Rewrite[] = [
  [/([^.])(\.)([\])}>"'»”’ ]*)\s*$/u, '$1 $2 $3 '],
  [/([:,])([^\p{Nd}])/gu, ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
];

const brackets: Rewrite = [/[\][(){}<>]/gu, ' $& '];
const doubleDashes: Rewrite = [/--/gu, ' -- '];

/** Closing quotes become '' tokens; clitics ('s, n't, 'll, …) are split from their word. */
const endingQuotes: readonly Rewrite[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/\s+/gu, ' '],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

/** Fused words split in two: cannot, gimme, gonna, gotta, lemme, wanna, 'tis, 'twas, … */
const contractions: readonly RegExp[] = [
  new RegExp(`(?<!${word})(can)(not)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(d)('ye)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(gim)(me)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(gon)(na)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(got)(ta)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(lem)(me)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(more)('n)${notWord}`, 'giu'),
  new RegExp(`(?<!${word})(wan)(na)(?=\\s)`, 'giu'),
  new RegExp(` ('t)(is)${notWord}`, 'giu'),
  new RegExp(` ('t)(was)${notWord}`, 'giu'),
];

/**
 * Splits one sentence into words the way NLTK's `word_tokenize` does after sentence splitting
 * (its improved Penn Treebank rules), which pymilvus' default analyzer uses: punctuation and
 * brackets become tokens, quotes become `` and '', clitics are split (`isn't` → `is`, `n't`),
 * and only the sentence's last period is separated from its word.
 */
export function tokenizeWords(sentence: string): string[] {
  let text = sentence;
  for (const [pattern, replacement] of startingQuotes) text = text.replace(pattern, replacement);
  for (const [pattern, replacement] of punctuation) text = text.replace(pattern, replacement);
  text = text.replace(brackets[0], brackets[1]).replace(doubleDashes[0], doubleDashes[1]);
  text = ` ${text} `;
  for (const [pattern, replacement] of endingQuotes) text = text.replace(pattern, replacement);
  for (const pattern of contractions) text = text.replace(pattern, ' $1 $2 ');
  return text.split(/\s+/u).filter((token) => token !== '');
}
