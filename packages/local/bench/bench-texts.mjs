// Deterministic benchmark texts shared by the Node and Python benchmarks (written to JSON).
const words = (
  'vector database index embedding search query document model token batch cluster shard ' +
  'replica latency throughput memory storage similarity cosine ranking retrieval passage answer'
).split(' ');

function sentence(seed, length) {
  let state = seed;
  const out = [];
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(words[state % words.length]);
  }
  return `${out.join(' ')}.`;
}

/** ~10-token sentences, ~250-token paragraphs, and a 50/50 mix in shuffled order. */
export function benchTexts() {
  const short = Array.from({ length: 256 }, (_, index) => sentence(index + 1, 8));
  const long = Array.from({ length: 48 }, (_, index) => sentence(index + 1000, 240));
  const mixed = [];
  for (let index = 0; index < 48; index++) mixed.push(short[index], long[index % long.length]);
  return { short, long, mixed };
}
