import { pingDatabase } from '@kit/database';
import { z } from 'zod';
import { defineRoute, json, router } from '../openapi/route';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
});

const health = defineRoute({
  method: 'get',
  path: '/',
  tags: ['Deployment'],
  summary: 'Liveness and database health',
  responses: {
    200: json(healthSchema, 'Up'),
    503: json(healthSchema, 'The database does not answer'),
  },
});

export const healthRoutes = () =>
  router().openapi(health, async (c) => {
    const up = await pingDatabase();
    return up
      ? c.json({ status: 'ok' as const, database: 'up' as const }, 200)
      : c.json({ status: 'degraded' as const, database: 'down' as const }, 503);
  });
