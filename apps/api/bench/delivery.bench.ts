/**
 * Email delivery: 200 single invitations through the REST API while the delivery worker sends
 * them through Resend's API to a local server that answers each request after 300 ms. Prints the
 * time from the last API answer to the last email accepted by the provider, with the worker's
 * default concurrency and one at a time (concurrency 1, how the worker used to send) in the
 * same run. Target: ≤ 10 s.
 *
 *   cd apps/api && DATABASE_URL=postgres://… pnpm exec tsx bench/delivery.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { emailEnv, resendTransport } from '@kit/email';
import { startFakeResend } from '@kit/email/testing/fake-resend';
import { benchKit, format } from './support';

const INVITATIONS = Number(process.env.BENCH_DELIVERY_INVITATIONS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_PROVIDER_LATENCY_MS ?? 300);
/** Clients sending invitations at once (the API answers in milliseconds; the provider does not). */
const CLIENTS = 8;

const fake = await startFakeResend();
fake.setLatency(LATENCY_MS);
const bench = await benchKit({
  prefix: 'kit_bench_delivery',
  transport: resendTransport('re_bench', { baseUrl: fake.url, timeoutMs: 30_000 }),
});

async function run(concurrency: number) {
  const orgId = await bench.newOrganization(`delivery c${concurrency}`);
  const tag = `c${concurrency}-`;
  const delivered = () => fake.emails.filter((e) => e.to[0]?.startsWith(tag)).length;
  const worker = bench.kit.startEmailWorker({ concurrency, pollMs: 200 });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < INVITATIONS) {
        const i = next++;
        const response = await bench.owner.post(`/api/organizations/${orgId}/invitations`, {
          email: `${tag}${i}@example.com`,
          role: 'member',
        });
        if (response.status !== 201) throw new Error(`invitation ${i}: ${response.status}`);
      }
    }),
  );
  const lastRequest = performance.now();
  while (delivered() < INVITATIONS) await new Promise((resolve) => setTimeout(resolve, 10));
  const lastDelivery = performance.now();
  await worker.stop();
  return {
    accepted: (lastRequest - started) / 1000,
    after: (lastDelivery - lastRequest) / 1000,
  };
}

const concurrency = emailEnv().deliveryConcurrency;
const current = await run(concurrency);
const baseline = await run(1);
console.info(
  `\nEmail delivery: ${INVITATIONS} single invitations through the REST API, provider answering in ${LATENCY_MS} ms`,
);
// eslint-disable-next-line no-console -- the bench prints a table
console.table({
  [`worker, concurrency ${concurrency}`]: {
    'all accepted (s)': format(current.accepted, 1),
    'last delivery after last request (s)': format(current.after, 1),
  },
  'one at a time (concurrency 1)': {
    'all accepted (s)': format(baseline.accepted, 1),
    'last delivery after last request (s)': format(baseline.after, 1),
  },
});
console.info(
  `delivery: last email ${format(current.after, 1)} s after the last request (target ≤ 10 s); one at a time: ${format(baseline.after, 1)} s`,
);
await bench.close();
await fake.close();
