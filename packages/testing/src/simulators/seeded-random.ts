/**
 * A deterministic pseudo-random source (mulberry32). Simulators draw every "random" decision
 * (faults, jitter, shuffles) from one of these, so a failing test replays exactly with the same
 * seed.
 */
export type RandomSource = () => number;

/** Returns a function yielding floats in [0, 1), fully determined by `seed`. */
export function createSeededRandom(seed = 1): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a shuffled copy of `items` (Fisher–Yates) using `random`. */
export function shuffled<Item>(items: readonly Item[], random: RandomSource): Item[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
