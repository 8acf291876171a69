import { defineRoles, kitRoles } from './roles';

const { roles } = kitRoles.definition;

/**
 * The kit's roles plus `auditor`, which reads the activity log and nothing about members:
 * tests use it to prove that adding a role is an edit of the role set and nothing else.
 */
export const rolesWithAuditor = defineRoles({
  ...kitRoles.definition,
  roles: {
    ...roles,
    owner: { ...roles.owner, assigns: [...roles.owner.assigns, 'auditor'] },
    admin: { ...roles.admin, assigns: [...roles.admin.assigns, 'auditor'] },
    auditor: {
      label: 'Auditor',
      description: 'Sees the activity log; cannot manage people or settings.',
      permissions: { activity: ['read'] },
      assigns: [],
    },
  },
});
