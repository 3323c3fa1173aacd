// Preloaded (node --import) into a benchmarked process for the peak-RSS runs only: writes the
// process's own peak resident set (getrusage's ru_maxrss, as /usr/bin/time reports it, KiB) and
// the CPU time it used (user + system, µs; unlike wall time, other load on the machine hardly
// moves it) to the file named in KIMIBAR_BENCH_RSS_FILE when it exits. Timed runs never load this.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.KIMIBAR_BENCH_RSS_FILE;
  const usage = process.resourceUsage();
  if (file) writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
});
