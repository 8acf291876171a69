import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { handleError } from './app';
import { apiEnv } from './env';
import { notFound } from './errors';
import type { Kit } from './kit';
import { defaultWebDistDir, mountWebApp } from './static';

export interface StartOptions {
  port?: number;
  hostname?: string;
  /** Serve the built web app from the same origin (production). */
  serveWeb?: boolean;
  webDistDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops listening and lets the email worker finish its round (the kit stays open). */
  close(): Promise<void>;
}

/** Applies migrations, then listens. Used by `pnpm start`, `pnpm dev` and browser tests. */
export async function startServer(kit: Kit, options: StartOptions = {}): Promise<RunningServer> {
  const env = apiEnv();
  await kit.migrate();

  let handler: Hono = kit.app;
  if (options.serveWeb) {
    handler = new Hono();
    handler.route('/', kit.app);
    mountWebApp(handler, options.webDistDir ?? env.webDistDir ?? defaultWebDistDir(), kit.security);
    handler.notFound(notFound);
    handler.onError(handleError);
  }

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      { fetch: handler.fetch, port: options.port ?? env.port, hostname: options.hostname },
      () => resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const emailWorker = kit.startEmailWorker();
  const webhookWorker = kit.startWebhookWorker();
  return {
    url: `http://localhost:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await Promise.all([emailWorker.stop(), webhookWorker.stop()]);
    },
  };
}

/**
 * Stops cleanly on SIGTERM/SIGINT: no new connections, the email worker finishes its round,
 * then the kit closes its database. Install it before starting, so a signal during start-up is clean too.
 */
export function stopOnSignals(kit: Kit, current: () => RunningServer | undefined): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`[api] ${signal} received, shutting down`);
    try {
      await current()?.close();
      await kit.close();
      process.exit(0);
    } catch (error) {
      console.error('[api] shutdown failed', error);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
