import { randomBytes } from 'node:crypto';
import { cheapPasswordHashing } from '@kit/auth/testing';
import { brand } from '@kit/brand';
import { currentConnection } from '@kit/database';
import { mailboxTransport } from '@kit/email';
import { createInvitationRegistries } from '@kit/organization-policies';
import { createKit, useKit, type Kit, type KitConfig } from '../kit';

export interface TestKitOptions {
  auth?: Partial<KitConfig['auth']>;
  email?: KitConfig['email'];
  security?: KitConfig['security'];
  rateLimits?: KitConfig['rateLimits'];
  plans?: KitConfig['plans'];
  webhooks?: KitConfig['webhooks'];
  billing?: KitConfig['billing'];
  /** Make this kit the process default, for tests that call services directly (default true). */
  install?: boolean;
}

/**
 * A kit for one test file: the file's own database (see @kit/database/testing), fresh empty
 * registries (register what a test needs on `kit.registries`), the development mailbox, and
 * open sign-up on http://localhost:3000 and cheap password hashing unless overridden. It is installed as the process
 * default of the file's process too, so a test may call the services directly. Nothing here
 * reads registry.ts: what an application registers there never reaches the kit's tests.
 */
export function createTestKit(options: TestKitOptions = {}): Kit {
  const kit = createKit({
    database: currentConnection(),
    auth: {
      appName: brand.name,
      appUrl: 'http://localhost:3000',
      secret: randomBytes(32).toString('base64url'),
      signupMode: 'open',
      passwordHashing: cheapPasswordHashing,
      ...options.auth,
    },
    registries: createInvitationRegistries(),
    email: { transport: mailboxTransport, devMailbox: true, ...options.email },
    security: options.security,
    rateLimits: options.rateLimits,
    plans: options.plans,
    webhooks: options.webhooks,
    billing: options.billing,
  });
  if (options.install ?? true) useKit(kit);
  return kit;
}
