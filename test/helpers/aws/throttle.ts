// Deterministic throttling for local endpoints. A rate is checked against an injected clock (so
// a caller's backoff is proven by advancing that clock, not by sleeping), and single requests can
// be throttled by their position so the SDK's own retry can be exercised.
import type { Clock } from './clock';

export interface ThrottlePolicy {
  /**
   * Requests accepted per region in any one-second window of the endpoint's clock (AWS allows 2
   * for LookupEvents); the next one in that window gets ThrottlingException. Throttled requests
   * do not use up the allowance.
   */
  perSecondPerRegion?: number;
  /** 1-based positions, among requests this policy applies to, that are throttled. */
  nthRequests?: readonly number[];
  /** Operations the policy applies to (e.g. `['LookupEvents']`); default: every operation. */
  operations?: readonly string[];
}

export class Throttler {
  private seen = 0;
  private readonly accepted = new Map<string, number[]>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly clock: Clock,
  ) {
    const rate = policy.perSecondPerRegion;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1)) {
      throw new Error(`ThrottlePolicy.perSecondPerRegion must be a positive integer, got ${rate}`);
    }
  }

  /** Counts the request and says whether to answer it with ThrottlingException. */
  shouldThrottle(operation: string, region: string): boolean {
    const { operations, nthRequests, perSecondPerRegion } = this.policy;
    if (operations && !operations.includes(operation)) return false;
    this.seen += 1;
    if (nthRequests?.includes(this.seen)) return true;
    if (perSecondPerRegion === undefined) return false;
    const now = this.clock.now();
    const recent = (this.accepted.get(region) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= perSecondPerRegion) {
      this.accepted.set(region, recent);
      return true;
    }
    recent.push(now);
    this.accepted.set(region, recent);
    return false;
  }
}
