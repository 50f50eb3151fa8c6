/**
 * A vector in pgvector's text form (`[0.1,0.2,…]`), bound as one parameter and cast with
 * `::vector`. Each float32 prints as the shortest decimal that reads back to the same float32
 * through the double JavaScript holds, so nothing is lost on the way.
 */
export function vectorLiteral(vector: Float32Array | readonly number[]): string {
  let text = '[';
  for (let index = 0; index < vector.length; index += 1) {
    if (index > 0) text += ',';
    text += String(vector[index]);
  }
  return `${text}]`;
}
