const vowels = 'aeiouy';
const isVowel = (letter: string | undefined) => letter !== undefined && vowels.includes(letter);
const isIn = (letter: string | undefined, letters: string) =>
  letter !== undefined && letters.includes(letter);

/** Words the English Snowball stemmer maps as a whole. */
const exceptions = new Map<string, string>([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ['sky', 'sky'],
  ['news', 'news'],
  ['howe', 'howe'],
  ['atlas', 'atlas'],
  ['cosmos', 'cosmos'],
  ['bias', 'bias'],
  ['andes', 'andes'],
  ['inning', 'inning'],
  ['innings', 'inning'],
  ['outing', 'outing'],
  ['outings', 'outing'],
  ['canning', 'canning'],
  ['cannings', 'canning'],
  ['herring', 'herring'],
  ['herrings', 'herring'],
  ['earring', 'earring'],
  ['earrings', 'earring'],
  ['proceed', 'proceed'],
  ['proceeds', 'proceed'],
  ['proceeded', 'proceed'],
  ['proceeding', 'proceed'],
  ['exceed', 'exceed'],
  ['exceeds', 'exceed'],
  ['exceeded', 'exceed'],
  ['exceeding', 'exceed'],
  ['succeed', 'succeed'],
  ['succeeds', 'succeed'],
  ['succeeded', 'succeed'],
  ['succeeding', 'succeed'],
]);

const step2 = [
  'ization',
  'ational',
  'fulness',
  'ousness',
  'iveness',
  'tional',
  'biliti',
  'lessli',
  'entli',
  'ation',
  'alism',
  'aliti',
  'ousli',
  'iviti',
  'fulli',
  'enci',
  'anci',
  'abli',
  'izer',
  'ator',
  'alli',
  'bli',
  'ogi',
  'li',
];
const step3 = ['ational', 'tional', 'alize', 'icate', 'iciti', 'ative', 'ical', 'ness', 'ful'];
const step4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
];

/** The text after the first non-vowel that follows a vowel ("" when there is none). */
function regionAfter(text: string): string {
  for (let index = 1; index < text.length; index++) {
    if (!isVowel(text[index]) && isVowel(text[index - 1])) return text.slice(index + 1);
  }
  return '';
}

/**
 * The word being stemmed and its R1 and R2 regions, kept as the word's tails and shortened or
 * rewritten with it, the way NLTK's English stemmer tracks them (which is what makes its output,
 * and so pymilvus' terms, differ from the reference Snowball stemmer on words such as
 * "quantization" → "quantize").
 */
class Stemming {
  constructor(
    public word: string,
    public r1: string,
    public r2: string,
  ) {}

  /** Drops the last `count` letters from the word and from both regions. */
  cut(count: number): void {
    this.word = dropEnd(this.word, count);
    this.r1 = dropEnd(this.r1, count);
    this.r2 = dropEnd(this.r2, count);
  }

  /** Replaces `suffix` by `replacement`; a region shorter than the suffix becomes `fallback`. */
  replace(suffix: string, replacement: string, r2Fallback = ''): void {
    this.word = dropEnd(this.word, suffix.length) + replacement;
    this.r1 = this.r1.length >= suffix.length ? dropEnd(this.r1, suffix.length) + replacement : '';
    this.r2 =
      this.r2.length >= suffix.length ? dropEnd(this.r2, suffix.length) + replacement : r2Fallback;
  }

  /** Replaces the last letter by `letter` in the word and in each non-empty region. */
  replaceLast(letter: string): void {
    this.word = dropEnd(this.word, 1) + letter;
    this.r1 = this.r1.length >= 1 ? dropEnd(this.r1, 1) + letter : '';
    this.r2 = this.r2.length >= 1 ? dropEnd(this.r2, 1) + letter : '';
  }
}

function dropEnd(text: string, count: number): string {
  return text.slice(0, Math.max(0, text.length - count));
}

const longestSuffix = (word: string, suffixes: readonly string[]) =>
  suffixes.find((suffix) => word.endsWith(suffix));

/**
 * The English Snowball (Porter2) stemmer with the output of NLTK's `SnowballStemmer('english')`,
 * which pymilvus' default analyzer uses: the input is lowercased, words of one or two letters are
 * kept, and R1/R2 follow NLTK's bookkeeping (see `Stemming`).
 */
export function stemEnglish(input: string): string {
  let word = input.toLowerCase();
  if (word.length <= 2) return word;
  const exception = exceptions.get(word);
  if (exception !== undefined) return exception;
  word = word.replace(/[\u2019\u2018\u201B]/gu, "'");
  if (word.startsWith("'")) word = word.slice(1);
  if (word.startsWith('y')) word = `Y${word.slice(1)}`;
  for (let index = 1; index < word.length; index++) {
    if (isVowel(word[index - 1]) && word[index] === 'y') {
      word = `${word.slice(0, index)}Y${word.slice(index + 1)}`;
    }
  }
  let r1: string;
  if (word.startsWith('gener') || word.startsWith('arsen')) r1 = word.slice(5);
  else if (word.startsWith('commun')) r1 = word.slice(6);
  else r1 = regionAfter(word);
  const state = new Stemming(word, r1, regionAfter(r1));

  const step0 = longestSuffix(state.word, ["'s'", "'s", "'"]);
  if (step0) state.cut(step0.length);

  const step1a = longestSuffix(state.word, ['sses', 'ied', 'ies', 'us', 'ss', 's']);
  if (step1a === 'sses') state.cut(2);
  else if (step1a === 'ied' || step1a === 'ies') state.cut(state.word.length - 3 > 1 ? 2 : 1);
  else if (step1a === 's' && [...state.word.slice(0, -2)].some(isVowel)) state.cut(1);

  stepOneB(state);

  const { word: beforeOneC } = state;
  if (beforeOneC.length > 2 && isIn(beforeOneC.at(-1), 'yY') && !isVowel(beforeOneC.at(-2))) {
    state.replaceLast('i');
  }

  stepTwo(state);
  stepThree(state);

  const fourth = longestSuffix(state.word, step4);
  if (fourth && state.r2.endsWith(fourth)) {
    if (fourth !== 'ion') state.cut(fourth.length);
    else if (isIn(state.word.at(-4), 'st')) state.cut(3);
  }

  const final = state.word;
  if (state.r2.endsWith('l') && final.at(-2) === 'l') state.word = final.slice(0, -1);
  else if (state.r2.endsWith('e')) state.word = final.slice(0, -1);
  else if (state.r1.endsWith('e')) {
    if (
      final.length >= 4 &&
      (isVowel(final.at(-2)) ||
        isIn(final.at(-2), 'wxY') ||
        !isVowel(final.at(-3)) ||
        isVowel(final.at(-4)))
    ) {
      state.word = final.slice(0, -1);
    }
  }
  return state.word.replaceAll('Y', 'y');
}

function stepOneB(state: Stemming): void {
  const suffix = longestSuffix(state.word, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
  if (!suffix) return;
  if (suffix === 'eed' || suffix === 'eedly') {
    if (state.r1.endsWith(suffix)) state.replace(suffix, 'ee');
    return;
  }
  if (![...state.word.slice(0, -suffix.length)].some(isVowel)) return;
  state.cut(suffix.length);
  const { word } = state;
  if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) {
    state.word += 'e';
    state.r1 += 'e';
    if (state.word.length > 5 || state.r1.length >= 3) state.r2 += 'e';
  } else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/u.test(word)) {
    state.cut(1);
  } else if (
    state.r1 === '' &&
    ((word.length >= 3 &&
      !isVowel(word.at(-1)) &&
      !isIn(word.at(-1), 'wxY') &&
      isVowel(word.at(-2)) &&
      !isVowel(word.at(-3))) ||
      (word.length === 2 && isVowel(word[0]) && !isVowel(word[1])))
  ) {
    state.word += 'e';
  }
}

function stepTwo(state: Stemming): void {
  const suffix = longestSuffix(state.word, step2);
  if (!suffix || !state.r1.endsWith(suffix)) return;
  switch (suffix) {
    case 'tional':
    case 'entli':
    case 'fulli':
    case 'lessli':
      state.cut(2);
      return;
    case 'enci':
    case 'anci':
    case 'abli':
      state.replaceLast('e');
      return;
    case 'izer':
    case 'ization':
      state.replace(suffix, 'ize');
      return;
    case 'ational':
    case 'ation':
    case 'ator':
      state.replace(suffix, 'ate', 'e');
      return;
    case 'alism':
    case 'aliti':
    case 'alli':
      state.replace(suffix, 'al');
      return;
    case 'fulness':
      state.cut(4);
      return;
    case 'ousli':
    case 'ousness':
      state.replace(suffix, 'ous');
      return;
    case 'iveness':
    case 'iviti':
      state.replace(suffix, 'ive', 'e');
      return;
    case 'biliti':
    case 'bli':
      state.replace(suffix, 'ble');
      return;
    case 'ogi':
      if (state.word.at(-4) === 'l') state.cut(1);
      return;
    case 'li':
      if (isIn(state.word.at(-3), 'cdeghkmnrt')) state.cut(2);
      return;
  }
}

function stepThree(state: Stemming): void {
  const suffix = longestSuffix(state.word, step3);
  if (!suffix || !state.r1.endsWith(suffix)) return;
  switch (suffix) {
    case 'tional':
      state.cut(2);
      return;
    case 'ational':
      state.replace(suffix, 'ate');
      return;
    case 'alize':
      state.cut(3);
      return;
    case 'icate':
    case 'iciti':
    case 'ical':
      state.replace(suffix, 'ic');
      return;
    case 'ful':
    case 'ness':
      state.cut(suffix.length);
      return;
    case 'ative':
      if (state.r2.endsWith(suffix)) state.cut(5);
      return;
  }
}
