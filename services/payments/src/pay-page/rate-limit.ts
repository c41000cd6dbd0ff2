/**
 * Token bucket per client address, in memory: each replica limits its own share. Unknown codes cost more than
 * normal page views, so guessing codes runs dry long before a real patient browsing their bill would.
 */
export class PageRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string, cost = 1): boolean {
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.buckets.clear(); // bounded memory under a spray of addresses
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }
}
