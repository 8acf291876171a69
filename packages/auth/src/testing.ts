import { defineRoles, kitRoles } from './roles';

const { roles } = kitRoles.definition;

/**
 * The kit's roles plus `billing`, which reads the activity log and nothing about members:
 * tests use it to prove that adding a role is an edit of the role set and nothing else.
 */
export const rolesWithBilling = defineRoles({
  ...kitRoles.definition,
  roles: {
    ...roles,
    owner: { ...roles.owner, assigns: [...roles.owner.assigns, 'billing'] },
    admin: { ...roles.admin, assigns: [...roles.admin.assigns, 'billing'] },
    billing: {
      label: 'Billing',
      description: 'Sees the activity log; cannot manage people or settings.',
      permissions: { activity: ['read'] },
      assigns: [],
    },
  },
});
