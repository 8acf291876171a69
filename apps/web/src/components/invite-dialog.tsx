import { Alert, Badge, Button, Dialog, SelectField, Spinner, TextareaField, toast } from '@kit/ui';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage, isApiError, type ApiError } from '../lib/api';
import { parseEmailList } from '../lib/invitations';
import {
  bulkInvite,
  createInvitation,
  fetchInvitationPermission,
  invalidateOrganization,
  orgPath,
  resendInvitation,
  type BulkResult,
  type InvitationPermission,
  type Organization,
  type SeatUsage,
} from '../lib/organizations';
import { roles as roleSet, roleWord, type Role } from '../lib/permissions';
import { BulkResultList, bulkSummaryText } from './bulk-results';
import { SeatUsageMeter } from './seat-usage';

type Problem =
  | { kind: 'seats'; message: string; remediation?: string; details: SeatDetails | null }
  | { kind: 'policy'; message: string; remediation?: string }
  | { kind: 'already-invited'; email: string; invitationId: string | null }
  | { kind: 'error'; message: string; remediation?: string };

type SeatDetails = { limit: number | null; members: number; pending: number };

function seatDetails(details: unknown): SeatDetails | null {
  const d = details as Partial<SeatDetails> | null | undefined;
  if (!d || typeof d.members !== 'number') return null;
  return { limit: d.limit ?? null, members: d.members, pending: d.pending ?? 0 };
}

/** A policy's denial: a 403 whose details name the policy that said no. */
function isPolicyDenial(error: ApiError): boolean {
  const details = error.details as { policyId?: unknown } | null | undefined;
  return error.status === 403 && typeof details?.policyId === 'string';
}

export function InviteDialog({
  open,
  onClose,
  org,
  seats,
}: {
  open: boolean;
  onClose: () => void;
  org: Organization;
  seats: SeatUsage | undefined;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Invite people to ${org.name}`}
      description="Each person gets an email with a link to join. Until they answer, their invitation holds a seat."
    >
      {/* Mounted only while open, so every opening starts from an empty form. */}
      <InvitePermissionGate org={org} onClose={onClose}>
        <InviteForm org={org} seats={seats} onDone={onClose} />
      </InvitePermissionGate>
    </Dialog>
  );
}

/**
 * Asks the API whether this user may invite at all (role, policies, seats) before showing the
 * form, so a refusal is explained up front. If the question cannot be answered (offline), the
 * form shows and the invitation itself gets the answer.
 */
function InvitePermissionGate({
  org,
  onClose,
  children,
}: {
  org: Organization;
  onClose: () => void;
  children: ReactNode;
}) {
  const [permission, setPermission] = useState<InvitationPermission | 'loading'>('loading');
  useEffect(() => {
    const controller = new AbortController();
    fetchInvitationPermission(org.id, controller.signal).then(setPermission, () => {
      if (!controller.signal.aborted) setPermission({ allowed: true });
    });
    return () => controller.abort();
  }, [org.id]);

  if (permission === 'loading') {
    return (
      <div className="flex justify-center py-6" aria-busy="true">
        <Spinner label="Checking whether you can invite" />
      </div>
    );
  }
  if (!permission.allowed) {
    return <PermissionRefusal permission={permission} onClose={onClose} />;
  }
  return children;
}

function PermissionRefusal({
  permission,
  onClose,
}: {
  permission: Extract<InvitationPermission, { allowed: false }>;
  onClose: () => void;
}) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => ok.current?.focus(), []);
  return (
    <div className="space-y-5">
      <Alert variant="warning" title="You can’t invite people right now">
        {permission.message}
        {permission.remediation ? ` ${permission.remediation}` : ''}
      </Alert>
      <div className="flex justify-end">
        <Button ref={ok} variant="secondary" onClick={onClose}>
          OK
        </Button>
      </div>
    </div>
  );
}

function InviteForm({
  org,
  seats,
  onDone,
}: {
  org: Organization;
  seats: SeatUsage | undefined;
  onDone: () => void;
}) {
  const roles = roleSet.assignable(org.role);
  const [text, setText] = useState('');
  const [role, setRole] = useState<Role>(roleSet.defaultRole);
  const [touched, setTouched] = useState(false);
  const [emailsError, setEmailsError] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [resending, setResending] = useState(false);
  const [results, setResults] = useState<BulkResult | null>(null);

  // The form appears once the permission check has answered, after the dialog took focus.
  useEffect(() => document.getElementById('invite-emails')?.focus(), []);

  const parsed = parseEmailList(text);
  const clientError =
    !parsed.emails.length && !parsed.invalid.length
      ? 'Enter at least one email address.'
      : parsed.invalid.length
        ? `${parsed.invalid.length === 1 ? 'This is not a valid address' : 'These are not valid addresses'}: ${parsed.invalid.join(', ')}`
        : null;
  const shownEmailsError = emailsError ?? (touched ? clientError : null);
  const count = parsed.emails.length;
  const overSeats = seats?.available != null && count > seats.available;

  const showError = (error: unknown, email: string) => {
    if (!isApiError(error)) return setProblem({ kind: 'error', message: errorMessage(error) });
    const { code } = error;
    if (code === 'SEAT_LIMIT_REACHED') {
      return setProblem({
        kind: 'seats',
        message: error.message,
        remediation: error.remediation,
        details: seatDetails(error.details),
      });
    }
    if (code === 'ALREADY_INVITED') {
      const id = (error.details as { invitationId?: unknown } | null)?.invitationId;
      return setProblem({
        kind: 'already-invited',
        email,
        invitationId: typeof id === 'string' && id ? id : null,
      });
    }
    if (code === 'ALREADY_MEMBER') {
      return setEmailsError(`${email} is already a member of ${org.name}.`);
    }
    if (code === 'ROLE_NOT_ALLOWED') return setRoleError(errorMessage(error));
    if (code === 'VALIDATION_ERROR') return setEmailsError(errorMessage(error));
    if (isPolicyDenial(error)) {
      return setProblem({ kind: 'policy', message: error.message, remediation: error.remediation });
    }
    setProblem({ kind: 'error', message: errorMessage(error), remediation: error.remediation });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setTouched(true);
    setProblem(null);
    setEmailsError(null);
    setRoleError(null);
    if (clientError) {
      document.getElementById('invite-emails')?.focus();
      return;
    }
    setPending(true);
    try {
      if (count === 1) {
        const email = parsed.emails[0]!;
        try {
          await createInvitation(org.id, { email, role });
        } catch (error) {
          showError(error, email);
          return;
        }
        void invalidateOrganization(org.id);
        toast(`Invitation sent to ${email}`, {
          description: `They'll join as ${roleWord(role)}.`,
        });
        onDone();
        return;
      }
      try {
        const result = await bulkInvite(org.id, {
          invitations: parsed.emails.map((email) => ({ email, role })),
        });
        setResults(result);
        void invalidateOrganization(org.id);
      } catch (error) {
        showError(error, parsed.emails.join(', '));
      }
    } finally {
      setPending(false);
    }
  };

  const resend = async (invitationId: string, email: string) => {
    setResending(true);
    try {
      await resendInvitation(org.id, invitationId);
      void invalidateOrganization(org.id);
      toast(`Invitation resent to ${email}`, { description: 'The earlier link no longer works.' });
      onDone();
    } catch (error) {
      setProblem({ kind: 'error', message: errorMessage(error) });
    } finally {
      setResending(false);
    }
  };

  if (results) {
    return (
      <div className="space-y-4">
        <Alert
          variant={results.summary.invited === results.summary.total ? 'success' : 'info'}
          title={bulkSummaryText(results.summary)}
        />
        <BulkResultList rows={results.results} />
        <div className="flex justify-end">
          <Button onClick={onDone} data-autofocus>
            Done
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-5">
      <SeatUsageMeter
        seats={seats}
        compact
        className="rounded-lg bg-gray-50 p-3 ring-1 ring-gray-950/5"
      />

      {problem ? (
        <ProblemAlert
          problem={problem}
          onResend={resend}
          resending={resending}
          planPath={orgPath(org, 'plan')}
        />
      ) : null}

      <TextareaField
        id="invite-emails"
        name="emails"
        label="Email addresses"
        labelAside={count > 1 ? <Badge variant="brand">{count} people</Badge> : null}
        placeholder="ada@example.com, grace@example.com"
        rows={3}
        autoCapitalize="none"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setEmailsError(null);
          if (problem?.kind !== 'seats' && problem?.kind !== 'policy') setProblem(null);
        }}
        onBlur={() => text.trim() && setTouched(true)}
        hint="Separate several addresses with commas or new lines."
        error={shownEmailsError}
        required
      />

      <SelectField
        name="role"
        label="Role"
        value={role}
        onChange={(event) => {
          setRole(event.target.value as Role);
          setRoleError(null);
        }}
        hint={roleSet.description(role)}
        error={roleError}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleSet.label(r)}
          </option>
        ))}
      </SelectField>

      {overSeats && !problem ? (
        <Alert variant="warning">
          You&apos;re inviting {count} people but{' '}
          {seats?.available === 0
            ? 'no seats are'
            : `only ${seats?.available} ${seats?.available === 1 ? 'seat is' : 'seats are'}`}{' '}
          free on your plan.
        </Alert>
      ) : null}

      <div className="flex flex-col-reverse gap-2 border-t border-gray-100 pt-4 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={pending} loadingText="Sending…">
          {count > 1 ? `Send ${count} invitations` : 'Send invitation'}
        </Button>
      </div>
    </form>
  );
}

function ProblemAlert({
  problem,
  onResend,
  resending,
  planPath,
}: {
  problem: Problem;
  onResend: (invitationId: string, email: string) => void;
  resending: boolean;
  /** The organization's Plan & seats page. */
  planPath: string;
}) {
  if (problem.kind === 'already-invited') {
    return (
      <Alert
        variant="warning"
        role="alert"
        title={`${problem.email} already has a pending invitation`}
        actions={
          problem.invitationId ? (
            <Button
              size="sm"
              variant="secondary"
              loading={resending}
              loadingText="Resending…"
              onClick={() => onResend(problem.invitationId!, problem.email)}
            >
              Resend invitation
            </Button>
          ) : null
        }
      >
        Resending sends a fresh link and turns the earlier one off.
      </Alert>
    );
  }
  if (problem.kind === 'seats') {
    const d = problem.details;
    return (
      <Alert variant="error" title="No seats left on your plan">
        <p>{problem.message}</p>
        {problem.remediation ? <p className="mt-1 font-medium">{problem.remediation}</p> : null}
        {d ? (
          <p className="mt-2 text-xs opacity-80">
            {d.limit === null ? 'Unlimited' : `${d.limit} seat${d.limit === 1 ? '' : 's'}`} ·{' '}
            {d.members} member{d.members === 1 ? '' : 's'} · {d.pending} pending
          </p>
        ) : null}
        <p className="mt-2">
          <Link to={planPath} className="font-medium underline underline-offset-2">
            See plans and seats
          </Link>
        </p>
      </Alert>
    );
  }
  if (problem.kind === 'policy') {
    return (
      <Alert variant="error" title={problem.message}>
        {problem.remediation ? <p>{problem.remediation}</p> : null}
      </Alert>
    );
  }
  return (
    <Alert variant="error" title={problem.message}>
      {problem.remediation}
    </Alert>
  );
}
