/* global process */
// Preloaded into a benchmark child (`node --require bench/peakRss.cjs …`): prints the process's
// peak RSS and CPU time (user + system: on a loaded machine, the work done, which wall time is
// not) as one JSON line on stdout when it exits.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stdout.write(JSON.stringify({ event: 'rss', maxRssKb: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\n');
});
