import { writeSync } from 'node:fs';

/** Preloaded with `node -r` into a benchmarked child: reports its peak RSS on stderr at exit. */
process.on('exit', () => {
  writeSync(2, `\nBENCH_PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
