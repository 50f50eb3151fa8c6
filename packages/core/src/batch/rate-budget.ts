import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { zodIssues } from '../registry/zod-issues.js';
import { type RateLimit, rateLimitSettings } from './rate-limit.js';

/** How a `RateBudget` keeps time and how cautious it is; the defaults suit real services. */
export interface RateBudgetOptions {
  /** Clock, injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Extra time an entry stays in the window after `windowMs`. The service stamps a request when
   * it arrives and is parsed, after the client sent it (network, queueing behind other requests);
   * without a margin the client would count an old request gone before the service does and be
   * refused. The delay is a matter of milliseconds, not a share of the window, so the default is
   * 1% of the window but at least 250 ms (600 ms for a minute).
   */
  readonly marginMs?: number;
}

/** A call admitted by the budget; `settle` corrects its tokens once the provider has answered. */
export interface RateReservation {
  /** Tokens counted against the window for this call until it settles. */
  readonly tokens: number;
  /**
   * Replaces the reserved tokens with the count the provider billed and learns the ratio of
   * billed to estimated tokens. Without a count (`undefined`) the reservation stays as it is.
   */
  settle(billedTokens: number | undefined): void;
}

/** Either a reservation (send now) or how long to wait before asking again. */
export type RateAdmission = { readonly reservation: RateReservation } | { readonly waitMs: number };

interface LedgerEntry {
  readonly expiresAt: number;
  tokens: number;
}

/** Calibration ratios are kept within this range, so one odd response cannot stall or flood. */
const ratioBounds = { lowest: 0.25, highest: 4 };
/** The default margin's floor: delays before the service stamps a request reach this often. */
const smallestMarginMs = 250;
/** Weight of the past against each new response: about the last ten calls count. */
const calibrationDecay = 0.9;

/**
 * A client-side sliding-window ledger of the requests and tokens sent in the last window, so
 * calls are paced to a provider's published limits instead of discovering them through 429s.
 *
 * Token estimates are approximate (core's text estimate runs about a third above real
 * tokenizers), so reservations are calibrated: each response that reports billed tokens replaces
 * its reservation and updates a running billed/estimated ratio, which scales later reservations.
 * Before any response, raw estimates are reserved. A call larger than the whole token budget is
 * admitted once the window is empty, so nothing waits forever. Failed attempts keep their
 * reservation, since the service may have counted them.
 */
export class RateBudget {
  readonly requestsPerWindow: number;
  readonly tokensPerWindow: number;
  readonly windowMs: number;
  readonly marginMs: number;
  readonly #now: () => number;
  readonly #ledger: LedgerEntry[] = [];
  #usedTokens = 0;
  /** Entries expiring at or before this time have left the ledger. */
  #prunedAt = Number.NEGATIVE_INFINITY;
  #billedSum = 0;
  #estimatedSum = 0;

  constructor(limit: RateLimit, options: RateBudgetOptions = {}) {
    const parsed = rateLimitSettings.safeParse(limit);
    if (!parsed.success) {
      throw new InvalidConfigError({ subject: 'rate limit', issues: zodIssues(parsed.error) });
    }
    this.requestsPerWindow = parsed.data.requestsPerMinute ?? Number.POSITIVE_INFINITY;
    this.tokensPerWindow = parsed.data.tokensPerMinute ?? Number.POSITIVE_INFINITY;
    this.windowMs = parsed.data.windowMs ?? 60_000;
    this.marginMs = Math.max(
      0,
      options.marginMs ?? parsed.data.marginMs ?? Math.max(this.windowMs / 100, smallestMarginMs),
    );
    this.#now = options.now ?? Date.now;
  }

  /** Billed tokens per estimated token, learned from responses; 1 until one reports tokens. */
  get calibration(): number {
    if (this.#estimatedSum === 0) return 1;
    const ratio = this.#billedSum / this.#estimatedSum;
    return Math.min(ratioBounds.highest, Math.max(ratioBounds.lowest, ratio));
  }

  /** Requests and tokens counted in the current window. */
  usage(): { requests: number; tokens: number } {
    this.#prune(this.#now());
    return { requests: this.#ledger.length, tokens: this.#usedTokens };
  }

  /**
   * The largest estimate `admit` takes now (in the caller's estimated tokens, before
   * calibration); 0 when the window has no request left.
   */
  availableTokens(): number {
    this.#prune(this.#now());
    if (this.#ledger.length + 1 > this.requestsPerWindow) return 0;
    const room = this.tokensPerWindow - this.#usedTokens;
    if (room === Number.POSITIVE_INFINITY) return room;
    return room <= 0 ? 0 : Math.floor(room / this.calibration);
  }

  /**
   * Reserves room for a call of `estimatedTokens` if the window has it now; otherwise says how
   * long until enough of the oldest entries have aged out (asking again then admits the call,
   * unless other calls took the room meanwhile).
   */
  admit(estimatedTokens: number): RateAdmission {
    const now = this.#now();
    this.#prune(now);
    const tokens = Math.ceil(estimatedTokens * this.calibration);
    const ledger = this.#ledger;
    let freedTokens = 0;
    for (let dropped = 0; dropped <= ledger.length; dropped++) {
      const remaining = ledger.length - dropped;
      const fits =
        remaining === 0 ||
        (remaining + 1 <= this.requestsPerWindow &&
          this.#usedTokens - freedTokens + tokens <= this.tokensPerWindow);
      if (fits) {
        if (dropped > 0) return { waitMs: ledger[dropped - 1]!.expiresAt - now };
        break;
      }
      freedTokens += ledger[dropped]!.tokens;
    }
    return { reservation: this.#reserve(now, estimatedTokens, tokens) };
  }

  #reserve(now: number, estimatedTokens: number, tokens: number): RateReservation {
    const entry: LedgerEntry = { expiresAt: now + this.windowMs + this.marginMs, tokens };
    this.#ledger.push(entry);
    this.#usedTokens += tokens;
    let settled = false;
    return {
      get tokens() {
        return entry.tokens;
      },
      settle: (billedTokens) => {
        if (settled || billedTokens === undefined || !Number.isFinite(billedTokens)) return;
        settled = true;
        const billed = Math.max(0, billedTokens);
        if (entry.expiresAt > this.#prunedAt) this.#usedTokens += billed - entry.tokens;
        entry.tokens = billed;
        if (estimatedTokens > 0) {
          this.#billedSum = this.#billedSum * calibrationDecay + billed;
          this.#estimatedSum = this.#estimatedSum * calibrationDecay + estimatedTokens;
        }
      },
    };
  }

  #prune(now: number): void {
    let expired = 0;
    while (expired < this.#ledger.length && this.#ledger[expired]!.expiresAt <= now) {
      this.#usedTokens -= this.#ledger[expired]!.tokens;
      expired++;
    }
    if (expired > 0) this.#ledger.splice(0, expired);
    this.#prunedAt = Math.max(this.#prunedAt, now);
  }
}
