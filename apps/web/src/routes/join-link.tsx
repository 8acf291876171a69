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
  IconMail,
  IconUsers,
  IconX,
  Skeleton,
  TextareaField,
  toast,
} from '@kit/ui';
import { useCallback, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Brand } from '../components/brand';
import { NewPasswordField } from '../components/new-password-field';
import { OrgAvatar } from '../components/org-avatar';
import { PageTitle } from '../components/page-title';
import { errorMessage, isApiError, type ApiError } from '../lib/api';
import { formatDate } from '../lib/format';
import {
  fetchInviteLinkPreview,
  joinWithLink,
  linkProblem,
  linkProblemDetails,
  signUpWithLink,
  withdrawJoinRequest,
  type InviteLinkPreview,
  type LinkProblem,
} from '../lib/joining';
import { orgPath, refreshOrganizations } from '../lib/organizations';
import { roleWord, withArticle } from '../lib/permissions';
import { withQuery } from '../lib/redirect';
import { useSession } from '../lib/session';
import { useForm } from '../lib/use-form';
import {
  fieldErrorsFromFields,
  validateEmail,
  validateName,
  validateNewPassword,
} from '../lib/validation';

type State =
  | { status: 'loading' }
  | { status: 'ready'; preview: InviteLinkPreview }
  | { status: 'problem'; problem: LinkProblem; error: ApiError }
  | { status: 'requested'; organizationName: string }
  | { status: 'check-email'; email: string; organizationName: string }
  | { status: 'error'; message: string };

/** /join/:token — the landing page of a shareable invite link. */
export function Component() {
  const { token = '' } = useParams();
  const { user } = useSession();
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(
    (signal?: AbortSignal) =>
      fetchInviteLinkPreview(token, signal).then(
        (preview) => setState({ status: 'ready', preview }),
        (error: unknown) => {
          if (signal?.aborted) return;
          const problem = linkProblem(error);
          if (problem && isApiError(error)) setState({ status: 'problem', problem, error });
          else setState({ status: 'error', message: errorMessage(error) });
        },
      ),
    [token],
  );

  // Signing in or out changes what the link means for the visitor (their address, membership).
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, user?.id]);

  if (state.status === 'loading') {
    return (
      <AuthShell brand={<Brand />} title="Invite link">
        <PageTitle title="Invite link" />
        <div className="space-y-4" role="status" aria-label="Loading the invite link">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-11 w-full" />
        </div>
      </AuthShell>
    );
  }
  if (state.status === 'problem')
    return <ProblemPage problem={state.problem} error={state.error} />;
  if (state.status === 'error') {
    return (
      <AuthShell brand={<Brand />} title="We couldn't load this link">
        <PageTitle title="Invite link" />
        <div className="space-y-5">
          <Alert variant="error">{state.message}</Alert>
          <Button fullWidth onClick={() => void load()}>
            Try again
          </Button>
        </div>
      </AuthShell>
    );
  }
  if (state.status === 'requested') {
    return (
      <Outcome
        title="Request sent"
        icon={IconCheckCircle}
        message={`We asked the owners and admins of ${state.organizationName} to let you in. You'll get an email when they answer.`}
        next="You can withdraw the request from your dashboard."
      />
    );
  }
  if (state.status === 'check-email') {
    return (
      <Outcome
        title="Check your email"
        icon={IconMail}
        message={`We sent a confirmation link to ${state.email}. Open it to finish creating your account.`}
        next={`Once your address is confirmed, you join ${state.organizationName} (or your request goes to its admins).`}
      />
    );
  }
  return (
    <Landing
      token={token}
      preview={state.preview}
      onProblem={(problem, error) => setState({ status: 'problem', problem, error })}
      onRequested={() =>
        setState({ status: 'requested', organizationName: state.preview.organization.name })
      }
      onSignedUp={(email) =>
        setState({
          status: 'check-email',
          email,
          organizationName: state.preview.organization.name,
        })
      }
      onChanged={() => void load()}
    />
  );
}

function Landing({
  token,
  preview,
  onProblem,
  onRequested,
  onSignedUp,
  onChanged,
}: {
  token: string;
  preview: InviteLinkPreview;
  onProblem: (problem: LinkProblem, error: ApiError) => void;
  onRequested: () => void;
  onSignedUp: (email: string) => void;
  onChanged: () => void;
}) {
  const { user } = useSession();
  const navigate = useNavigate();
  const org = preview.organization;
  const role = roleWord(preview.role);
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; remediation?: string } | null>(null);

  const handle = (error: unknown) => {
    const problem = linkProblem(error);
    if (problem && isApiError(error)) return onProblem(problem, error);
    setFailure({
      message: errorMessage(error),
      remediation: isApiError(error) ? error.remediation : undefined,
    });
  };

  const join = async () => {
    setPending(true);
    setFailure(null);
    try {
      const result = await joinWithLink(token, preview.requiresApproval ? message : undefined);
      if ('request' in result) return onRequested();
      await refreshOrganizations().catch(() => undefined);
      toast(`Welcome to ${org.name}`, { description: `You joined as ${withArticle(role)}.` });
      await navigate(orgPath(result.organization), { replace: true });
    } catch (error) {
      handle(error);
    } finally {
      setPending(false);
    }
  };

  const withdraw = async (requestId: string) => {
    setPending(true);
    try {
      await withdrawJoinRequest(requestId);
      toast('Request withdrawn');
      onChanged();
    } catch (error) {
      handle(error);
    } finally {
      setPending(false);
    }
  };

  let body: ReactNode;
  if (user && preview.viewer?.member) {
    body = (
      <div className="space-y-3">
        <p className="text-sm text-gray-600">You&apos;re already a member of {org.name}.</p>
        <Link to={orgPath(org)} className={buttonClasses({ size: 'lg', fullWidth: true })}>
          Open {org.name}
        </Link>
      </div>
    );
  } else if (user && preview.viewer?.pendingRequestId) {
    const requestId = preview.viewer.pendingRequestId;
    body = (
      <div className="space-y-3">
        <Alert variant="info" title="Your request is waiting for an answer">
          An owner or admin of {org.name} will approve or decline it; we&apos;ll email you.
        </Alert>
        <Button
          fullWidth
          variant="secondary"
          loading={pending}
          loadingText="Withdrawing…"
          onClick={() => void withdraw(requestId)}
        >
          Withdraw my request
        </Button>
      </div>
    );
  } else if (user) {
    body = (
      <div className="space-y-4">
        {preview.requiresApproval ? (
          <TextareaField
            label="Message to the admins (optional)"
            maxLength={500}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            hint="Say who you are, so they know whom they let in."
          />
        ) : null}
        <Button
          fullWidth
          size="lg"
          onClick={() => void join()}
          loading={pending}
          loadingText={preview.requiresApproval ? 'Sending…' : 'Joining…'}
        >
          {preview.requiresApproval ? `Ask to join ${org.name}` : `Join ${org.name}`}
        </Button>
        <p className="text-center text-xs text-gray-500">
          Signed in as <span className="font-medium text-gray-700">{user.email}</span>
        </p>
      </div>
    );
  } else {
    body = (
      <SignUpForm token={token} preview={preview} onSignedUp={onSignedUp} onProblem={handle} />
    );
  }

  return (
    <AuthShell
      brand={<Brand />}
      title={`Join ${org.name}`}
      description={
        <>
          You&apos;re invited to join <span className="font-medium text-gray-700">{org.name}</span>{' '}
          as {withArticle(role)}
          {preview.requiresApproval ? '. An owner or admin approves each new member.' : '.'}
        </>
      }
      footer={
        <span className="inline-flex items-center gap-1.5">
          <IconClock className="size-3.5" />
          This link works until {formatDate(preview.expiresAt)}.
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
              {preview.allowedDomains.length
                ? ` · for ${preview.allowedDomains.map((d) => `@${d}`).join(', ')} addresses`
                : ''}
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
    </AuthShell>
  );
}

function SignUpForm({
  token,
  preview,
  onSignedUp,
  onProblem,
}: {
  token: string;
  preview: InviteLinkPreview;
  onSignedUp: (email: string) => void;
  onProblem: (error: unknown) => void;
}) {
  const [accountExists, setAccountExists] = useState(false);
  const form = useForm({ name: '', email: '', password: '' }, (values) => {
    const errors: Partial<Record<'name' | 'email' | 'password', string>> = {};
    const name = validateName(values.name);
    const email = validateEmail(values.email);
    const password = validateNewPassword(values.password);
    if (name) errors.name = name;
    if (email) errors.email = email;
    if (password) errors.password = password;
    return errors;
  });
  const signInPath = withQuery('/sign-in', { redirectTo: `/join/${encodeURIComponent(token)}` });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await signUpWithLink(token, values);
      onSignedUp(result.user.email);
    } catch (error) {
      if (isApiError(error, 'ACCOUNT_EXISTS')) return setAccountExists(true);
      if (isApiError(error, 'EMAIL_DOMAIN_NOT_ALLOWED'))
        return form.setFieldError('email', error.message);
      if (isApiError(error, 'VALIDATION_ERROR')) {
        const fields = fieldErrorsFromFields(error.details);
        for (const name of ['name', 'email', 'password'] as const)
          if (fields[name]) return form.setFieldError(name, fields[name]);
      }
      onProblem(error);
    }
  });

  return (
    <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
      {accountExists ? (
        <Alert variant="info" title="You already have an account">
          <Link to={signInPath} className="font-medium underline">
            Sign in
          </Link>{' '}
          to join with it.
        </Alert>
      ) : null}
      <p className="text-sm text-gray-600">
        Create your account to join. Already have one?{' '}
        <Link to={signInPath} className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
      <FormField label="Full name" autoComplete="name" required {...form.field('name')} />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        hint={
          preview.allowedDomains.length
            ? `Use your ${preview.allowedDomains.map((d) => `@${d}`).join(' or ')} address.`
            : undefined
        }
        {...form.field('email')}
      />
      <NewPasswordField {...form.field('password')} />
      <Button type="submit" fullWidth size="lg" loading={form.pending} loadingText="Creating…">
        Create account and join
      </Button>
    </form>
  );
}

const PROBLEM_COPY: Record<
  LinkProblem,
  {
    title: string;
    icon: ComponentType<{ className?: string }>;
    message: (org?: string, domains?: string[]) => string;
    next: string;
  }
> = {
  'not-found': {
    title: 'Invite link not found',
    icon: IconLink,
    message: () => "This link doesn't match any invite link. It may be incomplete or mistyped.",
    next: 'Copy the whole link again, or ask the person who shared it for a new one.',
  },
  revoked: {
    title: 'This invite link was revoked',
    icon: IconX,
    message: (org) => `${org ?? 'The organization'} turned this link off, so it no longer works.`,
    next: 'Ask an owner or admin of the organization for a new link.',
  },
  expired: {
    title: 'This invite link has expired',
    icon: IconClock,
    message: (org) =>
      `The link${org ? ` to join ${org}` : ''} is no longer valid: links last a limited time.`,
    next: 'Ask an owner or admin of the organization for a new link.',
  },
  'used-up': {
    title: 'This invite link has been used up',
    icon: IconUsers,
    message: (org) =>
      `The link${org ? ` to join ${org}` : ''} admitted as many people as it was made for.`,
    next: 'Ask an owner or admin of the organization for a new link.',
  },
  'wrong-domain': {
    title: 'This link is for another email domain',
    icon: IconMail,
    message: (_org, domains = []) =>
      `Only addresses at ${domains.length ? domains.map((d) => `@${d}`).join(' or ') : 'other domains'} can join with this link, and you're signed in with a different one.`,
    next: 'Sign out and use an address at that domain, or ask for an invitation.',
  },
};

function ProblemPage({ problem, error }: { problem: LinkProblem; error: ApiError }) {
  const { organizationName, allowedDomains } = linkProblemDetails(error);
  const copy = PROBLEM_COPY[problem];
  return (
    <Outcome
      title={copy.title}
      icon={copy.icon}
      warning
      message={copy.message(organizationName, allowedDomains)}
      next={copy.next}
    />
  );
}

function Outcome({
  title,
  icon: Icon,
  warning = false,
  message,
  next,
}: {
  title: string;
  icon: ComponentType<{ className?: string }>;
  warning?: boolean;
  message: string;
  next: string;
}) {
  const { user } = useSession();
  return (
    <AuthShell brand={<Brand />} title={title}>
      <PageTitle title={title} />
      <div className="space-y-6">
        <div className="flex gap-4">
          <div
            className={`flex size-10 shrink-0 items-center justify-center rounded-full ring-1 ${
              warning
                ? 'bg-amber-50 text-amber-600 ring-amber-600/15'
                : 'bg-emerald-50 text-emerald-600 ring-emerald-600/15'
            }`}
          >
            {warning && Icon === IconX ? (
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
