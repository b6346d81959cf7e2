// The arithmetic of `npm run bench`: interleaved rounds, medians, spreads, and one metric record per measurement.
// A ratio is always taken inside one round (ours and its baseline measured back to back, in alternating order), so
// a machine that slows down halfway slows both sides of it.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The middle half of the samples (25th to 75th percentile), and the extremes. */
export function spreadOf(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  return { p25: round(at(0.25)), p75: round(at(0.75)), min: round(s[0]), max: round(s[s.length - 1]) };
}

/** `digits` significant digits, but never a fraction of a number of 10,000 or more. */
export function round(x, digits = 4) {
  if (!Number.isFinite(x) || x === 0) return x;
  return Math.abs(x) >= 10 ** digits ? Math.round(x) : Number(x.toPrecision(digits));
}

/**
 * Runs `rounds` rounds of every measurement in `fns` (name → sample-taking function, sync or async), rotating the
 * order each round so that none always goes first. Returns name → samples.
 */
export async function interleave(rounds, fns) {
  const names = Object.keys(fns);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      samples[name].push(await fns[name]());
    }
  }
  return samples;
}

/** Calls `fn` for about `ms` milliseconds; operations per second. */
export function opsPerSecond(fn, ms) {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 32; i++) fn();
    ops += 32;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Least of `repeat` timings of `fn` (ms): the run the machine did not interrupt. */
export function leastMs(fn, repeat = 5) {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * goal: { on: "ratio" | "value", max?: number, min?: number }. met: the median meets it.
 */
export function meets(goal, value, ratio) {
  const x = goal.on === "ratio" ? ratio : value;
  if (typeof x !== "number" || !Number.isFinite(x)) return false;
  return (goal.max === undefined || x <= goal.max) && (goal.min === undefined || x >= goal.min);
}

/**
 * One entry of bench/results.json. values: our samples; baselines: the baseline's samples of the same rounds (or
 * undefined when the metric has none); ratioOf: how a round's ratio is formed (default value ÷ baseline).
 */
export function metric({ unit, values, baselines, goal, compares, extra = {} }) {
  const value = median(values);
  const baseline = baselines ? median(baselines) : null;
  const ratios = baselines ? values.map((v, i) => v / baselines[i]) : undefined;
  const ratio = ratios ? median(ratios) : null;
  return {
    value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: ratio === null ? null : round(ratio),
    goal, met: meets(goal, value, ratio), runs: values.length,
    spread: spreadOf(goal.on === "ratio" && ratios ? ratios : values),
    compares, ...extra,
  };
}

/** A metric with parts (hoverMs: at a JWT / on a line without one): met when every part is. */
export function combined(parts, compares) {
  const first = Object.values(parts)[0];
  return { ...first, met: Object.values(parts).every((p) => p.met), compares, parts };
}

const fmt = (x) => (x === null || x === undefined ? "–" : typeof x === "number" ? String(round(x, 3)) : String(x));
const goalText = (g) => `${g.on} ${g.max !== undefined ? `≤ ${g.max}` : `≥ ${g.min}`}`;

/** The table `npm run bench` prints and the README's Performance section shows. */
export function markdownTable(metrics) {
  const rows = ["| metric | value | baseline | ratio | goal | met | spread (p25–p75) | runs | compares |", "|---|---|---|---|---|---|---|---|---|"];
  const row = (name, m) => rows.push(`| \`${name}\` | ${fmt(m.value)} ${m.unit} | ${fmt(m.baseline)} | ${fmt(m.ratio)} | ${goalText(m.goal)} | ${m.met ? "yes" : "**no**"} | ${fmt(m.spread?.p25)}–${fmt(m.spread?.p75)} | ${m.runs} | ${m.compares} |`);
  for (const [name, m] of Object.entries(metrics)) {
    if (m.parts) for (const [part, p] of Object.entries(m.parts)) row(`${name}.${part}`, p);
    else row(name, m);
  }
  return rows.join("\n");
}

/**
 * The README's Performance table: ratios and what they compare, no absolute times (`node scripts/bench.mjs --readme`
 * prints it from bench/results.json). Metrics with an absolute goal show whether it was met beside their ratio.
 */
export function readmeTable(metrics) {
  const rows = ["| metric | ratio to its baseline | goal | met | what is compared |", "|---|---|---|---|---|"];
  const row = (name, m) => rows.push(`| \`${name}\` | ${m.ratio === null ? "–" : `${fmt(m.ratio)}×`} | ${goalText(m.goal)}${m.goal.on === "value" ? ` ${m.unit}` : ""} | ${m.met ? "yes" : "**no**"} | ${m.compares} |`);
  for (const [name, m] of Object.entries(metrics)) {
    if (m.parts) for (const [part, p] of Object.entries(m.parts)) row(`${name}.${part}`, p);
    else row(name, m);
  }
  return rows.join("\n");
}
