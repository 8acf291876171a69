import {
  Alert,
  AuthShell,
  Button,
  buttonClasses,
  FormField,
  IconAlertTriangle,
  IconCheckCircle,
  IconClock,
  IconLink,
  IconLogOut,
  IconMail,
  IconX,
  Skeleton,
  textLinkClasses,
  toast,
} from '@kit/ui';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { ConfirmDialog } from '../components/confirm-dialog';
import { OrgAvatar } from '../components/org-avatar';
import { NewPasswordField } from '../components/new-password-field';
import { PageTitle } from '../components/page-title';
import { errorMessage, isApiError, type ApiError } from '../lib/api';
import { signOut } from '../lib/auth';
import { formatDate } from '../lib/format';
import {
  acceptInvitation,
  declineInvitation,
  fetchInvitationPreview,
  invitationProblem,
  maskEmail,
  problemDetails,
  signUpWithInvitation,
  type InvitationPreview,
  type InvitationProblem,
} from '../lib/invitations';
import {
  findOrganization,
  loadOrganizations,
  orgPath,
  refreshOrganizations,
} from '../lib/organizations';
import { roleWord } from '../lib/permissions';
import { withQuery } from '../lib/redirect';
import { sessionResource, useSession } from '../lib/session';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromFields, validateName, validateNewPassword } from '../lib/validation';

type State =
  | { status: 'loading' }
  | { status: 'ready'; invitation: InvitationPreview }
  | { status: 'problem'; problem: InvitationProblem; error: ApiError }
  | { status: 'declined'; organizationName: string }
  | { status: 'error'; message: string };

const roleName = roleWord;
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function Component() {
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(
    (signal?: AbortSignal) =>
      fetchInvitationPreview(token, signal).then(
        (invitation) => setState({ status: 'ready', invitation }),
        (error: unknown) => {
          if (signal?.aborted) return;
          const problem = invitationProblem(error);
          if (problem && isApiError(error)) setState({ status: 'problem', problem, error });
          else setState({ status: 'error', message: errorMessage(error) });
        },
      ),
    [token],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (state.status === 'loading') {
    return (
      <AuthShell brand={<Brand />} title="Invitation">
        <PageTitle title="Invitation" />
        <div className="space-y-4" role="status" aria-label="Loading the invitation">
          <div className="flex items-center gap-3">
            <Skeleton className="size-12 rounded-xl" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-56" />
            </div>
          </div>
          <Skeleton className="h-11 w-full" />
        </div>
      </AuthShell>
    );
  }
  if (state.status === 'problem')
    return <ProblemPage problem={state.problem} error={state.error} />;
  if (state.status === 'declined') {
    return (
      <OutcomePage
        title="Invitation declined"
        icon={IconCheckCircle}
        tone="neutral"
        message={`You declined the invitation to join ${state.organizationName}. Nobody will be added to it.`}
        next="If you change your mind, ask them to invite you again."
      />
    );
  }
  if (state.status === 'error') {
    return (
      <AuthShell brand={<Brand />} title="We couldn't load this invitation">
        <PageTitle title="Invitation" />
        <div className="space-y-5">
          <Alert variant="error">{state.message}</Alert>
          <Button fullWidth onClick={() => void load()}>
            Try again
          </Button>
        </div>
      </AuthShell>
    );
  }
  return (
    <Invitation
      token={token}
      invitation={state.invitation}
      onProblem={(problem, error) => setState({ status: 'problem', problem, error })}
      onDeclined={() =>
        setState({ status: 'declined', organizationName: state.invitation.organization.name })
      }
    />
  );
}

function Invitation({
  token,
  invitation,
  onProblem,
  onDeclined,
}: {
  token: string;
  invitation: InvitationPreview;
  onProblem: (problem: InvitationProblem, error: ApiError) => void;
  onDeclined: () => void;
}) {
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [accountExists, setAccountExists] = useState(invitation.accountExists);
  const [joining, setJoining] = useState(false);
  const [failure, setFailure] = useState<{ message: string; remediation?: string } | null>(null);
  const autoJoined = useRef(false);
  const org = invitation.organization;
  const matches = Boolean(user && user.email.toLowerCase() === invitation.email.toLowerCase());
  const selfPath = `/invite/${encodeURIComponent(token)}`;

  /** Any failure that means the invitation itself is gone switches to that page. */
  const handle = useCallback(
    (error: unknown) => {
      const problem = invitationProblem(error);
      if (problem && isApiError(error)) return onProblem(problem, error);
      setFailure({
        message: errorMessage(error),
        remediation: isApiError(error) ? error.remediation : undefined,
      });
    },
    [onProblem],
  );

  const enter = useCallback(
    async (slug: string) => {
      await refreshOrganizations().catch(() => undefined);
      toast(`Welcome to ${org.name}`, {
        description: `You joined as ${roleName(invitation.role)}.`,
      });
      await navigate(orgPath({ slug }), { replace: true });
    },
    [navigate, org.name, invitation.role],
  );

  const join = useCallback(async () => {
    setJoining(true);
    setFailure(null);
    try {
      const accepted = await acceptInvitation(token);
      await enter(accepted.organization.slug);
    } catch (error) {
      handle(error);
      setJoining(false);
    }
  }, [token, enter, handle]);

  // Back from "Sign in to accept": join straight away, as the person asked.
  useEffect(() => {
    if (params.get('join') === '1' && matches && !autoJoined.current) {
      autoJoined.current = true;
      void join();
    }
  }, [params, matches, join]);

  const [confirmDecline, setConfirmDecline] = useState(false);
  const declining = confirmDecline;
  const decline = () => {
    setFailure(null);
    setConfirmDecline(true);
  };
  /** After the person confirmed: a failure stays in the dialog unless the invitation is gone. */
  const declineConfirmed = async () => {
    try {
      await declineInvitation(token);
    } catch (error) {
      const problem = invitationProblem(error);
      if (problem && isApiError(error)) return onProblem(problem, error);
      throw error;
    }
    onDeclined();
  };

  const inviter = invitation.inviter?.name;
  const role = roleName(invitation.role);

  let body: ReactNode;
  if (user && matches) {
    body = (
      <div className="space-y-3">
        <Button
          fullWidth
          size="lg"
          onClick={() => void join()}
          loading={joining}
          loadingText="Joining…"
        >
          Join {org.name}
        </Button>
        <Button fullWidth variant="ghost" onClick={decline} disabled={joining}>
          Decline
        </Button>
        <p className="text-center text-xs text-gray-500">
          Signed in as <span className="font-medium text-gray-700">{user.email}</span>
        </p>
      </div>
    );
  } else if (user) {
    body = (
      <div className="space-y-4">
        <Alert variant="warning" role="alert" title="This invitation is for another account">
          You&apos;re signed in as <strong className="font-medium">{user.email}</strong>, but the
          invitation was sent to{' '}
          <strong className="font-medium">{maskEmail(invitation.email)}</strong>. Sign out, then
          sign in or create an account with that address.
        </Alert>
        <Button
          fullWidth
          size="lg"
          onClick={async () => {
            await signOut().catch(() => undefined);
          }}
        >
          <IconLogOut className="size-4" />
          Sign out and continue
        </Button>
        <Link to="/dashboard" className={buttonClasses({ variant: 'ghost', fullWidth: true })}>
          Go to your dashboard
        </Link>
      </div>
    );
  } else if (accountExists) {
    body = (
      <div className="space-y-4">
        <p className="text-sm text-gray-600">
          You already have an account with{' '}
          <strong className="font-medium text-gray-900">{invitation.email}</strong>. Sign in to
          accept.
        </p>
        <Link
          to={withQuery('/sign-in', {
            email: invitation.email,
            redirectTo: `${selfPath}?join=1`,
          })}
          className={buttonClasses({ size: 'lg', fullWidth: true })}
        >
          Sign in to accept
        </Link>
        <DeclineLink onDecline={decline} pending={declining} />
      </div>
    );
  } else {
    body = (
      <SignUpForm
        token={token}
        invitation={invitation}
        onJoined={(slug) => enter(slug)}
        onAccountExists={() => setAccountExists(true)}
        onProblem={handle}
        footer={<DeclineLink onDecline={decline} pending={declining} />}
      />
    );
  }

  return (
    <AuthShell
      brand={<Brand />}
      title={`Join ${org.name}`}
      description={
        <>
          {inviter ? (
            <>
              <span className="font-medium text-gray-700">{inviter}</span> invited you
            </>
          ) : (
            <>You&apos;ve been invited</>
          )}{' '}
          to join <span className="font-medium text-gray-700">{org.name}</span> as {article(role)}{' '}
          <span className="font-medium text-gray-700">{role}</span>.
        </>
      }
      footer={
        <span className="inline-flex items-center gap-1.5">
          <IconClock className="size-3.5" />
          This invitation expires on {formatDate(invitation.expiresAt)}.
        </span>
      }
    >
      <PageTitle title={`Join ${org.name}`} />
      <div className="space-y-5">
        <div className="flex items-center gap-3 rounded-lg bg-gray-50 p-3 ring-1 ring-gray-950/5">
          <OrgAvatar name={org.name} size="md" />
          <div className="min-w-0">
            <p className="truncate text-sm font-semibold text-gray-950">{org.name}</p>
            <p className="truncate text-sm text-gray-500">
              Role: <span className="text-gray-700 capitalize">{role}</span>
            </p>
          </div>
        </div>
        {failure ? (
          <Alert variant="error" title={failure.message}>
            {failure.remediation}
          </Alert>
        ) : null}
        {body}
      </div>
      <ConfirmDialog
        open={confirmDecline}
        onClose={() => setConfirmDecline(false)}
        title={`Decline the invitation to ${org.name}?`}
        description={`${inviter ?? org.name} will see that you declined, and this link stops working. To join later, you need a new invitation.`}
        confirmLabel="Decline invitation"
        cancelLabel="Keep invitation"
        pendingLabel="Declining…"
        destructive
        onConfirm={declineConfirmed}
      />
    </AuthShell>
  );
}

function DeclineLink({ onDecline, pending }: { onDecline: () => void; pending: boolean }) {
  return (
    <p className="text-center text-sm text-gray-500">
      Not interested?{' '}
      <button type="button" onClick={onDecline} disabled={pending} className={textLinkClasses}>
        Decline the invitation
      </button>
    </p>
  );
}

function SignUpForm({
  token,
  invitation,
  onJoined,
  onAccountExists,
  onProblem,
  footer,
}: {
  token: string;
  invitation: InvitationPreview;
  onJoined: (slug: string) => Promise<void>;
  onAccountExists: () => void;
  onProblem: (error: unknown) => void;
  footer: ReactNode;
}) {
  const form = useForm({ name: '', password: '' }, (values) => {
    const errors: Partial<Record<'name' | 'password', string>> = {};
    const name = validateName(values.name);
    const password = validateNewPassword(values.password);
    if (name) errors.name = name;
    if (password) errors.password = password;
    return errors;
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await signUpWithInvitation(token, values);
      await sessionResource.load({ force: true });
      await onJoined(result.organization.slug);
    } catch (error) {
      if (isApiError(error, 'ACCOUNT_EXISTS')) return onAccountExists();
      if (isApiError(error, 'VALIDATION_ERROR')) {
        const fields = fieldErrorsFromFields(error.details);
        if (fields.name) return form.setFieldError('name', fields.name);
        if (fields.password) return form.setFieldError('password', fields.password);
      }
      onProblem(error);
    }
  });

  return (
    <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
      <p className="text-sm text-gray-600">Create your account to accept.</p>
      <FormField
        label="Email"
        type="email"
        value={invitation.email}
        readOnly
        aria-readonly="true"
        hint="The invitation was sent to this address."
      />
      <FormField label="Full name" autoComplete="name" required {...form.field('name')} />
      <NewPasswordField {...form.field('password')} />
      <Button
        type="submit"
        fullWidth
        size="lg"
        loading={form.pending}
        loadingText="Creating your account…"
      >
        Create account and join
      </Button>
      {footer}
    </form>
  );
}

const PROBLEM_COPY: Record<
  InvitationProblem,
  {
    title: string;
    icon: ComponentType<{ className?: string }>;
    message: (org: string | undefined, email: string | undefined) => string;
    next: string;
  }
> = {
  'not-found': {
    title: 'Invitation not found',
    icon: IconLink,
    message: () => "This link doesn't match any invitation. It may be incomplete or mistyped.",
    next: 'Open the link from the email again, or ask the person who invited you to send a new invitation.',
  },
  expired: {
    title: 'This invitation has expired',
    icon: IconClock,
    message: (org) =>
      `The invitation${org ? ` to join ${org}` : ''} is no longer valid: invitations last a limited time.`,
    next: 'Ask an admin of the organization to send you a new invitation.',
  },
  canceled: {
    title: 'This invitation was canceled',
    icon: IconX,
    message: (org) =>
      `${org ?? 'The organization'} canceled this invitation, so the link no longer works.`,
    next: 'If you think this is a mistake, ask an admin of the organization to invite you again.',
  },
  replaced: {
    title: 'This link has been replaced',
    icon: IconMail,
    message: (org, email) =>
      `A newer invitation${org ? ` to join ${org}` : ''} was sent${email ? ` to ${maskEmail(email)}` : ''}, and this older link was turned off.`,
    next: 'Open the most recent invitation email and use the link in it.',
  },
  accepted: {
    title: 'Invitation already accepted',
    icon: IconCheckCircle,
    message: (org) => `This invitation has already been used to join ${org ?? 'the organization'}.`,
    next: 'Sign in with the invited address to open the organization.',
  },
  declined: {
    title: 'This invitation was declined',
    icon: IconX,
    message: (org) =>
      `This invitation${org ? ` to join ${org}` : ''} was declined, so the link no longer works.`,
    next: 'If you changed your mind, ask an admin of the organization to invite you again.',
  },
};

function ProblemPage({ problem, error }: { problem: InvitationProblem; error: ApiError }) {
  const { organizationName, email } = problemDetails(error);
  const copy = PROBLEM_COPY[problem];
  const opening = useOpenJoinedOrganization(problem, error);
  if (opening) {
    return (
      <AuthShell brand={<Brand />} title={`Opening ${organizationName ?? 'the organization'}`}>
        <PageTitle title="Invitation already accepted" />
        <div className="space-y-3" role="status" aria-label="Opening the organization">
          <Skeleton className="h-11 w-full" />
        </div>
      </AuthShell>
    );
  }
  return (
    <OutcomePage
      title={copy.title}
      icon={copy.icon}
      tone={problem === 'accepted' ? 'success' : 'warning'}
      message={copy.message(organizationName, email)}
      next={error.remediation ?? copy.next}
    />
  );
}

function OutcomePage({
  title,
  icon: Icon,
  tone,
  message,
  next,
}: {
  title: string;
  icon: ComponentType<{ className?: string }>;
  tone: 'warning' | 'success' | 'neutral';
  message: string;
  next: string;
}) {
  const { user } = useSession();
  const tones = {
    warning: 'bg-amber-50 text-amber-600 ring-amber-600/15',
    success: 'bg-emerald-50 text-emerald-600 ring-emerald-600/15',
    neutral: 'bg-gray-50 text-gray-500 ring-gray-950/10',
  };
  return (
    <AuthShell brand={<Brand />} title={title}>
      <PageTitle title={title} />
      <div className="space-y-6">
        <div className="flex gap-4">
          <div
            className={`flex size-10 shrink-0 items-center justify-center rounded-full ring-1 ${tones[tone]}`}
          >
            {tone === 'warning' && Icon === IconX ? (
              <IconAlertTriangle className="size-5" />
            ) : (
              <Icon className="size-5" />
            )}
          </div>
          <div className="space-y-2 text-sm">
            <p className="text-gray-700">{message}</p>
            <p className="text-gray-500">
              <span className="font-medium text-gray-700">What to do next: </span>
              {next}
            </p>
          </div>
        </div>
        <Link
          to={user ? '/dashboard' : '/sign-in'}
          className={buttonClasses({ variant: 'secondary', size: 'lg', fullWidth: true })}
        >
          {user ? 'Go to your dashboard' : 'Go to sign in'}
        </Link>
      </div>
    </AuthShell>
  );
}

/**
 * An accepted invitation opened by someone signed in who is a member of its organization: they
 * are sent there instead of being told to sign in. True while that is being found out.
 */
function useOpenJoinedOrganization(problem: InvitationProblem, error: ApiError): boolean {
  const { user } = useSession();
  const navigate = useNavigate();
  const details = (error.details ?? {}) as { organizationId?: unknown };
  const organizationId =
    problem === 'accepted' && user && typeof details.organizationId === 'string'
      ? details.organizationId
      : null;
  const [checking, setChecking] = useState(Boolean(organizationId));
  useEffect(() => {
    if (!organizationId || !user) return;
    let active = true;
    loadOrganizations(user.id, { force: true })
      .then(async (orgs) => {
        const org = findOrganization(orgs, organizationId);
        if (!active) return;
        if (!org) return setChecking(false);
        toast(`You're already a member of ${org.name}`);
        await navigate(orgPath(org), { replace: true });
      })
      .catch(() => active && setChecking(false));
    return () => {
      active = false;
    };
  }, [organizationId, user, navigate]);
  return checking;
}
