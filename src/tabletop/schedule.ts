// How many background records each hour of the window gets: more in the organisation's working
// hours (US Eastern, UTC-5) than at night, less at weekends, summing exactly to the total.

const HOUR = 3_600_000;

function weight(hourStartMs: number): number {
  const local = new Date(hourStartMs - 5 * HOUR);
  const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
  const h = local.getUTCHours();
  const working = h >= 8 && h < 19;
  return (working ? 3 : 1) * (weekend ? 0.5 : 1);
}

/** Records per hour from `startMs`, largest-remainder apportioned so they sum to `total`. */
export function hourlyQuotas(startMs: number, hours: number, total: number): number[] {
  const weights = Array.from({ length: hours }, (_, i) => weight(startMs + i * HOUR));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    quotas[i]!++;
  }
  return quotas;
}
