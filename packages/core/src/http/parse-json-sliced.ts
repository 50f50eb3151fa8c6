import { randomBytes } from 'node:crypto';

/** String values at least this long (a base64 vector is 5,464 characters) are sliced. */
const longStringLength = 1024;

/**
 * `JSON.parse`, except that long string values without escapes come back as slices of `text`
 * rather than copies. The values are the same; the difference is memory. `JSON.parse` copies
 * every string, so a response of 2,048 base64 vectors makes 11 MB of strings that live until the
 * vectors are decoded, long enough for V8 to move them to the old generation, where they pile up
 * between full collections (measured: about 0.1× the size of 100,000 held vectors). A slice is a
 * small object pointing into `text`, so the only large garbage left is `text` itself, which V8
 * hands back to the system as soon as it is collected. The cost: a kept slice keeps the whole
 * body text alive, so a caller keeping a long string for long should copy it. Invalid JSON
 * throws `JSON.parse`'s own error, with one leniency: a long string is taken as it stands
 * between its quotes, so a raw control character inside it (which JSON forbids) is not refused.
 * Scanning every long string for one cost about a tenth of the base64 path's CPU; the strings
 * this is for are base64 vectors, whose decoding refuses any character out of place.
 */
export function parseJsonSliced(text: string): unknown {
  const long: string[] = [];
  const pieces: string[] = [];
  const marker = `\u0000${randomBytes(6).toString('base64url')}:`;
  let copied = 0;
  let position = 0;
  let nextEscape = text.indexOf('\\');
  for (;;) {
    const open = text.indexOf('"', position);
    if (open === -1) break;
    let close = text.indexOf('"', open + 1);
    if (close === -1) break;
    if (nextEscape !== -1 && nextEscape < open) nextEscape = text.indexOf('\\', open);
    const escaped = nextEscape !== -1 && nextEscape < close;
    while (close !== -1 && escaped && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close === -1) break;
    if (!escaped && close - open - 1 >= longStringLength) {
      pieces.push(text.slice(copied, open), JSON.stringify(`${marker}${long.length}`));
      long.push(text.slice(open + 1, close));
      copied = close + 1;
    }
    position = close + 1;
  }
  if (long.length === 0) return JSON.parse(text);
  pieces.push(text.slice(copied));
  try {
    return JSON.parse(pieces.join(''), (_key, value) =>
      typeof value === 'string' && value.startsWith(marker)
        ? long[Number(value.slice(marker.length))]
        : value,
    );
  } catch {
    return JSON.parse(text);
  }
}

/** Whether the quote at `index` is preceded by an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === 92) backslashes++;
  return backslashes % 2 === 1;
}
