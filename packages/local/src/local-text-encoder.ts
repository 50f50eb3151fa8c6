import { Tokenizer } from '@huggingface/tokenizers';

/** One tokenised input, cut to the model's maximum length. */
export interface EncodedText {
  readonly ids: readonly number[];
  readonly typeIds: readonly number[];
  /** Tokens the full text had, special tokens included; above `ids.length` when truncated. */
  readonly fullLength: number;
}

/**
 * Tokenises texts the way the model was trained, and cuts inputs longer than `maxTokens` to that
 * length while keeping the special tokens at both ends ([CLS] … [SEP]), as Hugging Face
 * tokenizers do with `truncation=True`.
 */
export class LocalTextEncoder {
  readonly #tokenizer: Tokenizer;
  readonly #maxTokens: number;
  /** Special tokens the tokenizer adds after the text (1 for BERT's [SEP]). */
  readonly #suffixLength: number;

  constructor(tokenizerJson: object, tokenizerConfig: object, maxTokens: number) {
    this.#tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    this.#maxTokens = maxTokens;
    const empty = this.#tokenizer.encode('').ids;
    const marker = this.#tokenizer.encode('a').ids;
    let suffix = 0;
    while (
      suffix < empty.length &&
      empty[empty.length - 1 - suffix] === marker[marker.length - 1 - suffix]
    ) {
      suffix++;
    }
    this.#suffixLength = Math.min(suffix, empty.length);
  }

  get maxTokens(): number {
    return this.#maxTokens;
  }

  encode(text: string): EncodedText {
    const encoding = this.#tokenizer.encode(text, { return_token_type_ids: true });
    const fullLength = encoding.ids.length;
    if (fullLength <= this.#maxTokens) {
      return { ids: encoding.ids, typeIds: encoding.token_type_ids, fullLength };
    }
    const keep = this.#maxTokens - this.#suffixLength;
    const cut = <T>(values: readonly T[]) => [
      ...values.slice(0, keep),
      ...values.slice(values.length - this.#suffixLength),
    ];
    return { ids: cut(encoding.ids), typeIds: cut(encoding.token_type_ids), fullLength };
  }
}
