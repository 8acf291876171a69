import { parseEnv } from '@kit/database';
import { z } from 'zod';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    EMAIL_TRANSPORT: z.enum(['mailbox', 'resend']).optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.EMAIL_TRANSPORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_TRANSPORT'],
        message: 'must be set explicitly in production (mailbox or resend)',
      });
    }
    if (env.EMAIL_TRANSPORT === 'resend' && !env.RESEND_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['RESEND_API_KEY'], message: 'is required when EMAIL_TRANSPORT=resend' });
    }
    if (env.NODE_ENV === 'production' && !env.EMAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['EMAIL_FROM'], message: 'must be set in production' });
    }
  });

export interface EmailEnv {
  transport: 'mailbox' | 'resend';
  from: string;
  resendApiKey: string | undefined;
}

export function emailEnv(): EmailEnv {
  const env = parseEnv('@kit/email', schema);
  return {
    transport: env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? 'resend' : 'mailbox'),
    from: env.EMAIL_FROM ?? 'Kit <no-reply@kit.localhost>',
    resendApiKey: env.RESEND_API_KEY,
  };
}
