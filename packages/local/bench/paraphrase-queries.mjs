// Questions about the test-kit sample documents, worded so they share almost no words with them
// (the same list as src/semantic-search.test.ts; `expected` is the document's index).
export const paraphraseQueries = [
  { query: 'Which planet is the biggest in our solar system?', expected: 6 },
  { query: 'How do I make a loaf with natural leavening?', expected: 4 },
  { query: 'What insects communicate by moving in patterns?', expected: 3 },
  { query: 'Clever sea creatures that camouflage themselves', expected: 7 },
  { query: 'An open-source engine for nearest-neighbour lookups over embeddings', expected: 0 },
  { query: 'Adding embeddings to an SQL server', expected: 1 },
  { query: 'A wild canine chasing rodents early in the morning', expected: 2 },
  { query: 'Easy Italian noodle topping recipe', expected: 5 },
];
