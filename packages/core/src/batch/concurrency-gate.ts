/**
 * The adaptive bound of the sliding pool: additive increase, multiplicative decrease. A 429
 * halves the calls allowed in flight; every run of successes as long as the current bound
 * adds one back, up to the configured maximum.
 */
export class ConcurrencyGate {
  #limit: number;
  #successes = 0;
  readonly maximum: number;

  constructor(maximum: number) {
    this.maximum = maximum;
    this.#limit = maximum;
  }

  /** Calls currently allowed in flight. */
  get limit(): number {
    return this.#limit;
  }

  canStart(inFlight: number): boolean {
    return inFlight < this.#limit;
  }

  recordSuccess(): void {
    if (this.#limit >= this.maximum) return;
    this.#successes++;
    if (this.#successes >= this.#limit) {
      this.#limit++;
      this.#successes = 0;
    }
  }

  recordRateLimit(): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
  }
}
