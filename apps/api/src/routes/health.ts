import { pingDatabase } from '@kit/database';
import { Hono } from 'hono';

export const healthRoutes = () =>
  new Hono().get('/', async (c) => {
    const up = await pingDatabase();
    return c.json({ status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down' }, up ? 200 : 503);
  });
