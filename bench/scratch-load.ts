import { runFixedRate } from './load.ts';
const [path, rate, secs] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4] ?? 5)];
const r = await runFixedRate({ url: `http://127.0.0.1:3151${path}`, headers: { authorization: 'Bearer pmk_manualbenchtoken0123456789abcdef' }, rate, seconds: secs, warmupSeconds: 1 });
console.log(rate, JSON.stringify({ p50: r.p50.toFixed(1), p95: r.p95.toFixed(1), p99: r.p99.toFixed(1), ok: r.ok, failed: r.failed, thr: r.throughput.toFixed(0), st: r.statuses }));
