// Preloaded (node --import) into a benchmarked process for the peak-RSS runs only: writes the
// process's own peak resident set (getrusage's ru_maxrss, as /usr/bin/time reports it) to the
// file named in KIMIBAR_BENCH_RSS_FILE when it exits. Timed runs never load this.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.KIMIBAR_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
