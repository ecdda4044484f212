// Loaded into the benchmarked server with `node --import` (the server's code is untouched): once a
// second it reports the event loop's utilisation and delay on stderr, for bench/routing.ts to read.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 2 });
delay.enable();
let last = performance.eventLoopUtilization();
setInterval(() => {
  const now = performance.eventLoopUtilization();
  const elu = performance.eventLoopUtilization(now, last).utilization;
  last = now;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.stderr.write(
    `BENCHPROBE ${JSON.stringify({ elu: Math.round(elu * 1000) / 1000, p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) })}\n`,
  );
  delay.reset();
}, 1000).unref();
