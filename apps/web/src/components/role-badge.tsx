import { Badge } from '@kit/ui';
import { roles, type Role } from '../lib/permissions';

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={roles.isOwner(role) ? 'brand' : 'gray'} className={className}>
      {roles.label(role)}
    </Badge>
  );
}
