import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CpuSample, Measure } from './cpu.ts';
import { runFixedRate, type LoadResult } from './load.ts';
import { teamName } from './generate-setup.ts';

export type Availability = { available: true } | { available: false; reason: string };
/**
 * `loadAvg`: the machine's 1-minute load average before and after the phase (other work on the box shows
 * here); `cpuPerRequest`: CPU ms per measured request, which other load on the machine barely changes.
 */
export type LoadPhase = {
  name: string;
  path: string;
  as: string;
  target: string;
  result: LoadResult | null;
  note?: string;
  loadAvg?: [number, number];
  cpuPerRequest?: CpuSample;
};
export type BulkRun = {
  run: 'create' | 'update' | 'unchanged';
  ms: number;
  status: number;
  counts: string;
  ok: boolean;
  loadAvg: number;
  cpu: CpuSample;
};
export type BulkPhase = {
  name: string;
  target: string;
  rows: number;
  runs: BulkRun[];
  note?: string;
};

const bearer = (token: string) => ({
  authorization: `Bearer ${token}`,
  accept: 'application/json',
});

/**
 * Asks the endpoint once before loading it: an unknown route (404 naming the route) means the feature
 * is not built yet, which the report says instead of failing the whole run.
 */
export async function probe(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<Availability> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status === 404 && text.includes(`${method} ${path.split('?')[0]}`))
    return { available: false, reason: 'not available (route missing)' };
  if (res.status === 404 || res.status === 405)
    return { available: false, reason: `not available (${res.status})` };
  if (res.status >= 400)
    return { available: false, reason: `error ${res.status}: ${text.slice(0, 300)}` };
  return { available: true };
}

/** A fixed-rate phase over one GET, or a "not available" row when the endpoint is missing. */
export async function loadPhase(input: {
  baseUrl: string;
  name: string;
  path: string;
  as: string;
  token: string;
  target: string;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  measure: Measure;
}): Promise<LoadPhase> {
  const row = { name: input.name, path: input.path, as: input.as, target: input.target };
  const availability = await probe(input.baseUrl, 'GET', input.path, input.token);
  if (!availability.available) return { ...row, result: null, note: availability.reason };
  const before = os.loadavg()[0]!;
  const { value: result, cpu: used } = await input.measure(() =>
    runFixedRate({
      url: `${input.baseUrl}${input.path}`,
      headers: bearer(input.token),
      rate: input.rate,
      seconds: input.seconds,
      warmupSeconds: input.warmupSeconds,
    }),
  );
  // The CPU includes the warm-up, so divide by every request that reached the server.
  const sent = Math.max(1, result.dispatched);
  const cpuPerRequest = {
    server: used.server / sent,
    db: used.db / sent,
    client: used.client / sent,
  };
  const loadAvg: [number, number] = [before, os.loadavg()[0]!];
  return {
    ...row,
    result,
    loadAvg,
    cpuPerRequest,
    note: result.failed ? `${result.failed} failed: ${JSON.stringify(result.statuses)}` : undefined,
  };
}

/** 10,000 accounts upserted by external id three times: all new, all changed, all unchanged. */
export async function bulkPhase(
  baseUrl: string,
  token: string,
  rows: number,
  stamp: string,
  measure: Measure,
): Promise<BulkPhase> {
  const phase: BulkPhase = {
    name: `(c) bulk upsert ${rows.toLocaleString('en-US')} accounts`,
    target: '≤ 2 s each',
    rows,
    runs: [],
  };
  const make = (version: number) => ({
    rows: Array.from({ length: rows }, (_, i) => ({
      externalId: `BULK-${stamp}-${String(i).padStart(5, '0')}`,
      name: `Bulk account ${i}`,
      accountType: 'customer',
      lifecycleStage: 'Onboarding',
      tags: ['bulk'],
      teams: [teamName(i % 10)],
      attributes: {
        arr: 1_000 + i + version,
        health: version === 1 ? 'good' : 'average',
        licenses: 10 + (i % 90),
        renewal_date: '2027-01-31',
      },
    })),
  });
  const availability = await probe(baseUrl, 'POST', '/api/v1/accounts/bulk', token, { rows: [] });
  // An empty batch is refused with 400 by a working endpoint; only a missing route means "not available".
  if (!availability.available && !availability.reason.startsWith('error 400'))
    return { ...phase, note: availability.reason };
  const plan: Array<[BulkRun['run'], ReturnType<typeof make>, string]> = [
    ['create', make(1), 'created'],
    ['update', make(2), 'updated'],
    ['unchanged', make(2), 'unchanged'],
  ];
  for (const [run, body, expected] of plan) {
    const payload = JSON.stringify(body);
    const loadAvg = os.loadavg()[0]!;
    const started = performance.now();
    const {
      value: [res, text],
      cpu,
    } = await measure(async () => {
      const response = await fetch(`${baseUrl}/api/v1/accounts/bulk`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: payload,
        signal: AbortSignal.timeout(60_000),
      });
      return [response, await response.text()] as const;
    });
    const ms = performance.now() - started;
    let counts = text.slice(0, 200);
    let ok = false;
    try {
      const json = JSON.parse(text) as Record<string, number>;
      counts = `created ${json.created}, updated ${json.updated}, unchanged ${json.unchanged}`;
      ok = res.ok && json[expected] === rows;
    } catch {
      /* keep the raw text */
    }
    phase.runs.push({ run, ms, status: res.status, counts, ok, loadAvg, cpu });
  }
  return phase;
}
