import { listMailbox } from '@kit/email';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors';

const query = z.object({
  to: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The development mailbox: what the mailbox transport stored, newest first. */
export const devMailboxRoutes = () =>
  new Hono().get('/', async (c) => {
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) {
      throw new AppError(400, 'VALIDATION_ERROR', 'Invalid mailbox query', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const messages = await listMailbox({
      to: parsed.data.to || undefined,
      limit: parsed.data.limit,
    });
    return c.json({ messages });
  });
