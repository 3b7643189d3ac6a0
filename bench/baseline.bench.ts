/**
 * `npm run bench:baseline`: ingest on SQLite before and after the team work, in the same run. The team's
 * PostgreSQL made the outbox's store asynchronous and put listeners beside ingest; the embedded SQLite path
 * must not be slower for it. The same burst (bench/ingest.bench.ts, 50,000 chat messages over socket.io into
 * SQLite) runs in a copy of the baseline commit and in this tree, alternately, ROUNDS times each, so a machine
 * busy for a while weighs on both alike; the best round of each side is compared.
 *
 * The baseline (BENCH_BASELINE, default the last commit before the outbox's asynchronous store seam) is
 * extracted with `git archive` into a temporary folder that borrows this tree's node_modules.
 * Target: this tree ≥ 95% of the baseline's messages/s, in both framings.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BASELINE = process.env.BENCH_BASELINE ?? '31aa9d0^';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.95;
const here = resolve(import.meta.dirname, '..');

type Framing = 'one message per frame' | '500 messages per frame';
const FRAMINGS: Framing[] = ['one message per frame', '500 messages per frame'];

/** One run of the ingest burst in `tree`: messages/s per framing, read from its table. */
function burst(tree: string): Record<Framing, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/ingest.bench.ts'], { cwd: tree, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the ingest bench failed in ${tree}:\n${r.stderr}`);
  const perSec = (framing: Framing) => {
    const line = r.stdout.split('\n').find((l) => l.includes(`'${framing}'`));
    const figure = line?.match(/'([\d,]+)'/)?.[1];
    if (!figure) throw new Error(`no messages/s for "${framing}" in:\n${r.stdout}`);
    return Number(figure.replaceAll(',', ''));
  };
  return { 'one message per frame': perSec(FRAMINGS[0]), '500 messages per frame': perSec(FRAMINGS[1]) };
}

const commit = execFileSync('git', ['rev-parse', '--short', BASELINE], { cwd: here, encoding: 'utf8' }).trim();
const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
const baseline = mkdtempSync(join(tmpdir(), 'onair-baseline-'));
try {
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${baseline}"`], { cwd: here });
  symlinkSync(join(here, 'node_modules'), join(baseline, 'node_modules'));
  const runs: { before: Record<Framing, number>[]; after: Record<Framing, number>[] } = { before: [], after: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.before.push(burst(baseline));
    runs.after.push(burst(here));
  }
  const best = (side: Record<Framing, number>[], f: Framing) => Math.max(...side.map((r) => r[f]));
  console.log(
    `Ingest burst on SQLite (bench/ingest.bench.ts), ${ROUNDS} alternating rounds each: baseline ${commit} ` +
      `(before the asynchronous store seam) and this tree (${head}, with uncommitted changes if any)`,
  );
  const rows = FRAMINGS.map((f) => ({
    frames: f,
    'before, messages/s (rounds)': runs.before.map((r) => r[f].toLocaleString()).join(' '),
    'after, messages/s (rounds)': runs.after.map((r) => r[f].toLocaleString()).join(' '),
    'after / before (best rounds)': (best(runs.after, f) / best(runs.before, f)).toFixed(2),
  }));
  console.table(rows);
  const worst = Math.min(...FRAMINGS.map((f) => best(runs.after, f) / best(runs.before, f)));
  console.log(
    `${worst >= TARGET ? 'MEETS' : 'MISSES'} target: this tree ≥ ${TARGET * 100}% of the baseline's messages/s ` +
      `(worst framing: ${(worst * 100).toFixed(0)}%)`,
  );
  process.exitCode = worst >= TARGET ? 0 : 1;
} finally {
  rmSync(baseline, { recursive: true, force: true });
}
