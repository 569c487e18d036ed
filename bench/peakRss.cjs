/* global process */
// Preloaded into a benchmark child (`node --require bench/peakRss.cjs …`): prints the process's
// peak RSS as one JSON line on stdout when it exits.
process.on('exit', () => {
  process.stdout.write(JSON.stringify({ event: 'rss', maxRssKb: process.resourceUsage().maxRSS }) + '\n');
});
