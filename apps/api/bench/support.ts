/**
 * What the invitation benches share: a fresh database on DATABASE_URL's server (in-memory
 * PGlite without one), a kit on it with limits that never refuse, and a signed-in owner.
 */
import { randomBytes } from 'node:crypto';
import { brand } from '@kit/brand';
import {
  dropDatabase,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from '@kit/database/testing/server';
import { mailboxTransport, type EmailTransport } from '@kit/email';
import { setOrganizationPlan } from '@kit/organization';
// The benches measure throughput, not the limits that keep one sender from flooding inboxes.
import '../src/testing/generous-rate-limits';
import { createKit, useKit, type Kit } from '../src/kit';
import { signUpVerified, type TestClient } from '../src/testing/client';

export const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

/** A new, empty database on the bench's Postgres server, dropped by the returned function. */
export async function freshDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('Set DATABASE_URL to a Postgres server for this bench.');
  const name = uniqueDatabaseName(prefix);
  await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  return { url: withDatabaseName(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

export interface BenchKit {
  kit: Kit;
  owner: TestClient;
  /** A new organization on the enterprise plan (seats never run out). */
  newOrganization(label: string): Promise<string>;
  close(): Promise<void>;
}

export async function benchKit(
  options: { prefix: string; transport?: EmailTransport; poolSize?: number } = {
    prefix: 'kit_bench',
  },
): Promise<BenchKit> {
  let database: { url: string; poolSize?: number } | { pgliteDataDir: string } = {
    pgliteDataDir: 'memory://',
  };
  let drop = async () => {};
  if (serverUrl) {
    const fresh = await freshDatabase(options.prefix);
    database = { url: fresh.url, poolSize: options.poolSize };
    drop = fresh.drop;
  }
  const kit = createKit({
    database,
    auth: {
      appName: brand.name,
      appUrl: 'http://localhost:3000',
      secret: randomBytes(32).toString('base64url'),
      signupMode: 'open',
    },
    email: { transport: options.transport ?? mailboxTransport },
  });
  const uninstall = useKit(kit);
  await kit.migrate();
  const owner = await signUpVerified(kit.app, {
    name: 'Bench Owner',
    email: 'bench-owner@example.com',
  });
  let organizations = 0;
  return {
    kit,
    owner,
    async newOrganization(label) {
      const created = await owner.post('/api/organizations', {
        name: `Bench ${label} ${++organizations}`,
      });
      if (created.status !== 201) throw new Error(`organization: ${created.status}`);
      await setOrganizationPlan({ organizationId: created.body.id, plan: 'enterprise' });
      return created.body.id as string;
    },
    async close() {
      uninstall();
      await kit.close();
      await drop();
    },
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export const format = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
