import { IconInbox, textLinkClasses } from '@kit/ui';
import { Link } from 'react-router';
import { useConfig } from '../lib/config';
import { withQuery } from '../lib/redirect';

/** In development (mailbox transport), a pointer to the captured e-mails. Renders nothing otherwise. */
export function DevMailboxHint({ email }: { email?: string | null }) {
  const { emailTransport } = useConfig();
  if (emailTransport !== 'mailbox') return null;
  return (
    <div className="flex items-start gap-3 rounded-lg border border-dashed border-gray-300 bg-gray-50/80 p-3 text-sm text-gray-600">
      <IconInbox className="mt-0.5 size-4 shrink-0 text-gray-400" />
      <p>
        Development mode: emails are captured, not delivered.{' '}
        <Link
          to={withQuery('/dev/mailbox', { to: email?.trim() || null })}
          className={textLinkClasses}
        >
          Open the dev mailbox
        </Link>
      </p>
    </div>
  );
}
