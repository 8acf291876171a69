import { listMailbox } from '@kit/email';
import { z } from 'zod';
import { defineRoute, json, router } from '../openapi/route';

const query = z.object({
  to: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const message = z.object({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  links: z.array(z.string()),
  createdAt: z.string(),
});

const mailbox = defineRoute({
  method: 'get',
  path: '/',
  tags: ['Development'],
  summary: 'The development mailbox (only when enabled): stored emails, newest first',
  request: { query },
  responses: {
    200: json(z.object({ messages: z.array(message) }), 'The stored emails'),
  },
  invalid: (error) => ({
    code: 'VALIDATION_ERROR',
    message: 'Invalid mailbox query',
    details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  }),
});

/** The development mailbox: what the mailbox transport stored, newest first. */
export const devMailboxRoutes = () =>
  router().openapi(mailbox, async (c) => {
    const { to, limit } = c.req.valid('query');
    const messages = await listMailbox({ to: to || undefined, limit });
    return c.json({ messages }, 200);
  });
