import { writeSync } from 'node:fs';

/**
 * Preloaded with `node -r` into a benchmarked child: reports its peak RSS and the CPU time of all its
 * threads (user and system, microseconds) on stderr at exit.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(2, `\nBENCH_PEAK_RSS_KB=${usage.maxRSS}\nBENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
