import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFeed } from './build-feed';

const ROOT = path.resolve(__dirname, '../..');
const CAPTURES = [path.join(ROOT, '..', 'shared', 'corpus', 'realaudit', 'basic-1.log')];
const FALLBACK = path.join(ROOT, 'examples', 'basic.log');
const MIN_RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface ChildResult { seconds: number; peakRssKb: number; cpuSeconds: number; stdout: string; stderr: string }

function runChild(args: string[]): Promise<ChildResult> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'peak-rss.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      const rss = /BENCH_PEAK_RSS_KB=(\d+)/.exec(stderr);
      const cpu = /BENCH_CPU_US=(\d+)/.exec(stderr);
      resolve({ seconds, peakRssKb: rss ? Number(rss[1]) : NaN, cpuSeconds: cpu ? Number(cpu[1]) / 1e6 : NaN, stdout, stderr });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Runs { readonly ours: ChildResult[]; readonly base: ChildResult[]; events: number }

/**
 * A run's time as a fixed part (start, JIT warm-up, exit) and a part per record, from the medians on
 * two feeds, one twice as long as the other: what the ratio would be on a feed long enough for the
 * fixed part not to count.
 */
function split(records: number, seconds: number, doubleRecords: number, doubleSeconds: number): { fixed: number; perRecord: number } {
  const perRecord = (doubleSeconds - seconds) / (doubleRecords - records);
  return { fixed: seconds - records * perRecord, perRecord };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'audisp-json-bench-'));
  try {
    const captures = CAPTURES.filter((f) => { try { readFileSync(f); return true; } catch { return false; } });
    const sources = captures.length > 0 ? captures : [FALLBACK];
    const feed = path.join(dir, 'feed.log');
    const records = await buildFeed(sources, feed, MIN_RECORDS);
    const doubleFeed = path.join(dir, 'double-feed.log');
    const doubleRecords = await buildFeed(sources, doubleFeed, 2 * records);
    const out = path.join(dir, 'out.log');
    const conf = path.join(dir, 'audisp-json.conf');
    writeFileSync(conf, `file_log = ${out}\nstats_interval = 0\nspool_dir = ${dir}/spool\n`, { mode: 0o600 });

    const single: Runs = { ours: [], base: [], events: 0 };
    const double: Runs = { ours: [], base: [], events: 0 };
    for (let i = 0; i < RUNS; i++) {
      // Alternate, both feeds in each round, so machine noise hits every figure alike.
      for (const [file, runs] of [[feed, single], [doubleFeed, double]] as const) {
        runs.base.push(await runChild([path.join(__dirname, 'baseline.js'), file]));
        rmSync(out, { force: true });
        runs.ours.push(await runChild([path.join(ROOT, 'dist', 'src', 'main.js'), '--config', conf, '--input', file]));
        runs.events = readFileSync(out, 'utf8').split('\n').length - 1;
      }
    }
    const { ours, base, events } = single;
    const oursSeconds = median(ours.map((r) => r.seconds));
    const baseSeconds = median(base.map((r) => r.seconds));
    // CPU time of all threads: what the pipeline costs the host, beside how long it takes.
    const oursCpu = median(ours.map((r) => r.cpuSeconds));
    const baseCpu = median(base.map((r) => r.cpuSeconds));
    const oursSplit = split(records, oursSeconds, doubleRecords, median(double.ours.map((r) => r.seconds)));
    const baseSplit = split(records, baseSeconds, doubleRecords, median(double.base.map((r) => r.seconds)));
    const summary = {
      bench: 'pipeline-to-file',
      records,
      events,
      runs: RUNS,
      records_per_s: Math.round(records / oursSeconds),
      events_per_s: Math.round(events / oursSeconds),
      peak_rss_mb: Math.round(Math.max(...ours.map((r) => r.peakRssKb)) / 1024),
      baseline_lines_per_s: Math.round(records / baseSeconds),
      ratio_ours_over_baseline: Number((baseSeconds / oursSeconds).toFixed(3)),
      seconds_each: ours.map((r) => Number(r.seconds.toFixed(2))),
      baseline_seconds_each: base.map((r) => Number(r.seconds.toFixed(2))),
      cpu_seconds: Number(oursCpu.toFixed(2)),
      baseline_cpu_seconds: Number(baseCpu.toFixed(2)),
      cpu_ratio_ours_over_baseline: Number((baseCpu / oursCpu).toFixed(3)),
      // From the same runs on a feed of twice the records: the time every run pays whatever its length,
      // and the throughput and ratio once that no longer counts.
      double_feed_records: doubleRecords,
      double_feed_seconds_each: double.ours.map((r) => Number(r.seconds.toFixed(2))),
      double_feed_baseline_seconds_each: double.base.map((r) => Number(r.seconds.toFixed(2))),
      double_feed_peak_rss_mb: Math.round(Math.max(...double.ours.map((r) => r.peakRssKb)) / 1024),
      fixed_seconds: Number(oursSplit.fixed.toFixed(2)),
      baseline_fixed_seconds: Number(baseSplit.fixed.toFixed(2)),
      steady_records_per_s: Math.round(1 / oursSplit.perRecord),
      steady_baseline_lines_per_s: Math.round(1 / baseSplit.perRecord),
      steady_ratio_ours_over_baseline: Number((baseSplit.perRecord / oursSplit.perRecord).toFixed(3)),
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
