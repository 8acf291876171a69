import { Badge } from '@kit/ui';
import { ROLE_LABELS, type Role } from '../lib/permissions';

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={role === 'owner' ? 'brand' : 'gray'} className={className}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
