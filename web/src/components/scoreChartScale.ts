/**
 * The arithmetic behind ScoreChart: time and score scales, date ticks, and labels nudged apart so
 * they never print over each other. Pure, so it is tested without a browser (scoreChartScale.test.ts).
 */

const DAY_MS = 86_400_000;

/** The time span the chart shows: every instant given, with a little room at each end. */
export function timeDomain(times: readonly number[]): [number, number] {
  const valid = times.filter((t) => Number.isFinite(t));
  if (valid.length === 0) {
    const now = Date.now();
    return [now - 7 * DAY_MS, now + 7 * DAY_MS];
  }
  const min = Math.min(...valid);
  const max = Math.max(...valid);
  // One day (or one instant) alone: a week either side, so the point is not pinned to an edge.
  if (max - min < DAY_MS) return [min - 7 * DAY_MS, max + 7 * DAY_MS];
  const pad = (max - min) * 0.06;
  return [min - pad, max + pad];
}

/** A linear map from [d0, d1] onto [r0, r1]. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

const TICK_STEPS_DAYS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364];

/**
 * Dates for the time axis: local midnights a whole number of days apart (1, 2, 3 days, a week,
 * two weeks, four weeks…), as many as fit one per `minSpacing` pixels (at most six), so the
 * gaps between labels are equal and mean the same number of days.
 */
export function timeTicks(domain: readonly [number, number], width: number, minSpacing = 96): number[] {
  const [start, end] = domain;
  const fits = Math.max(2, Math.min(6, Math.floor(width / minSpacing)));
  const spanDays = (end - start) / DAY_MS;
  // Whole steps that fit: a span a hair over two weeks still gets a tick each week.
  const step = TICK_STEPS_DAYS.find((days) => Math.floor(spanDays / days) <= fits) ?? TICK_STEPS_DAYS.at(-1)!;
  const first = new Date(start);
  first.setHours(0, 0, 0, 0);
  if (first.getTime() < start) first.setDate(first.getDate() + 1);
  const ticks: number[] = [];
  for (const day = first; day.getTime() <= end && ticks.length < 12; day.setDate(day.getDate() + step)) {
    ticks.push(day.getTime());
  }
  return ticks;
}

/**
 * Moves labels (given as their wanted y positions, any order) apart by at least `gap` pixels,
 * keeping them between `top` and `bottom`. Returns the new positions in the input's order.
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, index) => ({ y: Math.min(Math.max(y, top), bottom), index }));
  order.sort((a, b) => a.y - b.y);
  for (let i = 1; i < order.length; i += 1) {
    const previous = order[i - 1]!;
    const current = order[i]!;
    if (current.y - previous.y < gap) current.y = previous.y + gap;
  }
  // Pushed past the bottom: shift the whole stack up as far as needed.
  const last = order.at(-1);
  if (last && last.y > bottom) {
    const shift = last.y - bottom;
    for (const label of order) label.y -= shift;
  }
  const result = new Array<number>(wanted.length);
  for (const label of order) result[label.index] = label.y;
  return result;
}

/** The smallest distance between neighbours, or Infinity with fewer than two. */
export function smallestGap(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i += 1) smallest = Math.min(smallest, sorted[i]! - sorted[i - 1]!);
  return smallest;
}

/** The response line: half the baseline (a fall of 50 % or more counts as a response), or null at 0. */
export function responseThreshold(baseline: number | null | undefined): number | null {
  if (baseline === null || baseline === undefined || baseline <= 0) return null;
  return baseline / 2;
}
