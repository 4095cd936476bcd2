/** What one `npm run bench` does; `--quick` is a smoke run of the same phases at a tenth of the size. */
export type BenchOptions = {
  quick: boolean;
  adminUrl: string;
  database: string;
  port: number;
  accounts: number;
  tasks: number;
  teams: number;
  usersPerTeam: number;
  /** Seconds of each measured load phase, after `warmupSeconds` of unrecorded load at the same rate. */
  seconds: number;
  warmupSeconds: number;
  myWorkRate: number;
  collectionRate: number;
  bulkRows: number;
  /** Write the results into bench/README.md (full runs only by default). */
  writeReadme: boolean;
  /** The HTTP part (a–d) and the engine part (play firing, event → task, webhooks); both unless one is chosen. */
  core: boolean;
  engine: boolean;
};

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = ['--quick', '--no-readme', '--core-only', '--engine-only'];
  const unknown = argv.filter((a) => !flags.includes(a));
  if (unknown.length)
    throw new Error(`unknown argument(s): ${unknown.join(' ')} (use ${flags.join(', ')})`);
  const quick = argv.includes('--quick');
  const port = Number(env.BENCH_PORT ?? 3150);
  if (!Number.isInteger(port) || port < 3100 || port > 3199)
    throw new Error('BENCH_PORT must be in 3100-3199');
  return {
    quick,
    adminUrl: env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database: 'pm_bench',
    port,
    accounts: quick ? 10_000 : 100_000,
    tasks: quick ? 100_000 : 1_000_000,
    teams: 10,
    usersPerTeam: 5,
    seconds: quick ? 5 : 20,
    warmupSeconds: quick ? 1 : 3,
    myWorkRate: 200,
    // The collection (filters + group counts) is opened far less often than My Work: 50/s = 3,000 views a minute.
    collectionRate: 50,
    bulkRows: 10_000,
    writeReadme: !quick && !argv.includes('--no-readme'),
    core: !argv.includes('--engine-only'),
    engine: !argv.includes('--core-only'),
  };
}
