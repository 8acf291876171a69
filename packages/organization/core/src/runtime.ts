import { AsyncLocalStorage } from 'node:async_hooks';
import type { Auth } from '@kit/auth';
import type { RoleSet } from '@kit/auth/roles';
import type { InvitationRegistries } from '@kit/organization-policies';
import { kitPlans, type PlanCatalog } from './plans';

/**
 * What the organization services need from the kit they run in, besides the database
 * (which `db` from @kit/database resolves on its own): the policy registries, the auth
 * instance (sign-up through an invitation) and the public URL and name for links and emails.
 */
export interface OrganizationRuntime {
  registries: InvitationRegistries;
  /** Roles, labels and permissions (packages/auth/src/roles.ts unless the kit is given others). */
  roles: RoleSet;
  /** Plans and their seats (./plans.ts unless the kit is given others). */
  plans?: PlanCatalog;
  auth: Auth;
  appUrl: string;
  appName: string;
}

const scope = new AsyncLocalStorage<OrganizationRuntime>();
let processDefault: OrganizationRuntime | undefined;

export class OrganizationRuntimeMissingError extends Error {
  constructor() {
    super(
      'The organization services run inside a kit: build one with createKit() (apps/api/src/kit.ts) ' +
        'and call them within kit.run(), or install it with useOrganizationRuntime().',
    );
    this.name = 'OrganizationRuntimeMissingError';
  }
}

/** Runs `fn` with `runtime` as the services' runtime (a request, a CLI command, a worker round). */
export function runWithOrganizationRuntime<T>(runtime: OrganizationRuntime, fn: () => T): T {
  return scope.run(runtime, fn);
}

/** Installs `runtime` as the process default (null removes it); returns a function restoring the previous one. */
export function useOrganizationRuntime(runtime: OrganizationRuntime | null): () => void {
  const previous = processDefault;
  processDefault = runtime ?? undefined;
  return () => {
    if (processDefault === (runtime ?? undefined)) processDefault = previous;
  };
}

/** The plan catalog the services decide seats with: the kit's in scope, else ./plans.ts. */
export function currentPlans(): PlanCatalog {
  return findOrganizationRuntime()?.plans ?? kitPlans;
}

/** The runtime in scope, if any. */
export function findOrganizationRuntime(): OrganizationRuntime | undefined {
  return scope.getStore() ?? processDefault;
}

export function organizationRuntime(): OrganizationRuntime {
  const runtime = findOrganizationRuntime();
  if (!runtime) throw new OrganizationRuntimeMissingError();
  return runtime;
}
