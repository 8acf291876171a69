import {
  Alert,
  Button,
  buttonClasses,
  Card,
  CardContent,
  cn,
  focusRing,
  IconArrowLeft,
  IconCheckCircle,
  IconDownload,
  IconFile,
  IconSend,
  IconUpload,
  ProgressBar,
} from '@kit/ui';
import { useEffect, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { Link } from 'react-router';
import { BULK_STATUS, bulkSummaryText, rowReason, StatusBadge } from '../components/bulk-results';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { errorMessage, isApiError } from '../lib/api';
import { downloadFile, parseCsv, toCsv } from '../lib/csv';
import {
  bulkInvite,
  invalidateOrganization,
  peoplePath,
  useCurrentOrganization,
  type BulkResult,
  type BulkStatus,
} from '../lib/organizations';
import { can, roleIdList, roles } from '../lib/permissions';

const MAX_ROWS = 10_000;
const MAX_BYTES = 5 * 1024 * 1024;
const PREVIEW_ROWS = 200;

type Stage =
  | { step: 'upload' }
  | { step: 'checking'; file: File }
  | { step: 'preview'; file: File; csv: string; preview: BulkResult }
  | { step: 'sending'; file: File; csv: string; preview: BulkResult }
  | { step: 'done'; file: File; result: BulkResult };

type Failure = { title: string; message?: string };

const TEMPLATE = toCsv(
  ['email', 'role', 'name', 'team'],
  [
    ['ada@example.com', roles.defaultRole, 'Ada Lovelace', 'Research'],
    ['grace@example.com', roles.formerOwner, 'Grace Hopper', 'Engineering'],
  ],
);

function failureFrom(error: unknown): Failure {
  if (isApiError(error, 'INVALID_CSV')) {
    return {
      title: "We couldn't read this file",
      message: [errorMessage(error), error.remediation].filter(Boolean).join(' '),
    };
  }
  if (isApiError(error, 'TOO_MANY_ROWS')) {
    return { title: 'This file is too large', message: errorMessage(error) };
  }
  if (isApiError(error)) {
    return { title: errorMessage(error), message: error.remediation };
  }
  return { title: errorMessage(error) };
}

/** A quick look at the file before uploading: a header with an email column, and not too many rows. */
function checkCsv(text: string): Failure | null {
  const rows = parseCsv(text);
  if (rows.length === 0)
    return { title: 'This file is empty', message: 'Add a header row and one row per person.' };
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase());
  if (!header.includes('email')) {
    return {
      title: 'No “email” column',
      message: 'The first row must name the columns, including “email” (and optionally “role”).',
    };
  }
  if (rows.length === 1)
    return { title: 'No people in this file', message: 'Add one row per person under the header.' };
  if (rows.length - 1 > MAX_ROWS) {
    return {
      title: 'This file is too large',
      message: `Import at most ${MAX_ROWS.toLocaleString()} rows at a time.`,
    };
  }
  return null;
}

export function Component() {
  const org = useCurrentOrganization();
  if (!can.invite(org.role)) {
    return (
      <OwnersAndAdminsOnly
        org={org}
        headingLevel="h1"
        title="Only owners and admins can import invitations"
      />
    );
  }
  return <Import />;
}

function Import() {
  const org = useCurrentOrganization();
  const [stage, setStage] = useState<Stage>({ step: 'upload' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  // Each new step is announced by moving focus to its heading.
  useEffect(() => {
    if (stage.step === 'preview' || stage.step === 'done') headingRef.current?.focus();
  }, [stage.step]);

  const check = async (file: File) => {
    setFailure(null);
    if (!/\.csv$/i.test(file.name) && !/csv|text\/plain|excel/.test(file.type)) {
      setFailure({ title: 'Choose a CSV file', message: `“${file.name}” is not a .csv file.` });
      return;
    }
    if (file.size > MAX_BYTES) {
      setFailure({
        title: 'This file is too large',
        message: 'Upload a CSV file of at most 5 MB.',
      });
      return;
    }
    setStage({ step: 'checking', file });
    const csv = await file.text();
    const problem = checkCsv(csv);
    if (problem) {
      setFailure(problem);
      setStage({ step: 'upload' });
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      const preview = await bulkInvite(
        org.id,
        { csv },
        { dryRun: true, signal: controller.signal },
      );
      setStage({ step: 'preview', file, csv, preview });
    } catch (error) {
      if (controller.signal.aborted) return;
      setFailure(failureFrom(error));
      setStage({ step: 'upload' });
    }
  };

  const send = async () => {
    if (stage.step !== 'preview') return;
    setFailure(null);
    setStage({ ...stage, step: 'sending' });
    try {
      const result = await bulkInvite(org.id, { csv: stage.csv });
      setStage({ step: 'done', file: stage.file, result });
      void invalidateOrganization(org.id);
    } catch (error) {
      setFailure(failureFrom(error));
      setStage({ ...stage, step: 'preview' });
    }
  };

  const reset = () => {
    abortRef.current?.abort();
    setFailure(null);
    setStage({ step: 'upload' });
    if (inputRef.current) inputRef.current.value = '';
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void check(file);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files?.[0];
    if (file) void check(file);
  };

  return (
    <div className="space-y-6">
      <Link
        to={peoplePath(org, 'pending')}
        className={buttonClasses({ variant: 'ghost', size: 'sm', className: '-ml-3' })}
      >
        <IconArrowLeft className="size-4" />
        Invitations
      </Link>
      <PageHeader
        title="Import invitations"
        documentTitle={`Import invitations · ${org.name}`}
        description="Invite many people at once from a CSV file. You'll see what will happen before anything is sent."
      />

      <Steps current={stage.step} />

      {failure ? (
        <Alert variant="error" title={failure.title}>
          {failure.message}
        </Alert>
      ) : null}

      {stage.step === 'upload' || stage.step === 'checking' ? (
        <Card>
          <CardContent className="space-y-5">
            <label
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              className={cn(
                'flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-12 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600',
                dragging
                  ? 'border-brand-400 bg-brand-50/60'
                  : 'border-gray-200 hover:border-gray-300 hover:bg-gray-50/60',
              )}
            >
              <input
                ref={inputRef}
                type="file"
                accept=".csv,text/csv"
                onChange={onFile}
                disabled={stage.step === 'checking'}
                className="sr-only"
              />
              {stage.step === 'checking' ? (
                <div className="w-full max-w-xs space-y-3" aria-live="polite">
                  <p className="text-sm font-medium text-gray-900">Checking {stage.file.name}…</p>
                  <ProgressBar label={`Checking ${stage.file.name}`} />
                </div>
              ) : (
                <>
                  <span className="mb-3 flex size-11 items-center justify-center rounded-xl bg-white text-gray-500 shadow-xs ring-1 ring-gray-950/10">
                    <IconUpload className="size-5" />
                  </span>
                  <span className="text-sm font-medium text-gray-900">
                    <span className="text-brand-600">Choose a CSV file</span> or drag it here
                  </span>
                  <span className="mt-1 text-sm text-gray-500">
                    Up to {MAX_ROWS.toLocaleString()} rows, 5 MB.
                  </span>
                </>
              )}
            </label>
            <div className="flex flex-col gap-3 rounded-lg bg-gray-50 p-4 text-sm text-gray-600 ring-1 ring-gray-950/5 sm:flex-row sm:items-center sm:justify-between">
              <p>
                The first row names the columns:{' '}
                <code className="font-mono text-[0.8125rem] text-gray-900">email</code> and{' '}
                <code className="font-mono text-[0.8125rem] text-gray-900">role</code> (
                {roleIdList()}; {roles.defaultRole} if empty). Other columns are kept with the
                invitation.
              </p>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => downloadFile('invitations-template.csv', TEMPLATE)}
              >
                <IconDownload className="size-3.5" />
                Template
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : null}

      {stage.step === 'preview' || stage.step === 'sending' ? (
        <Card>
          <div className="flex flex-col gap-4 border-b border-gray-950/[0.06] px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
            <div className="flex min-w-0 items-center gap-3">
              <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-gray-50 text-gray-500 ring-1 ring-gray-950/5">
                <IconFile className="size-4" />
              </span>
              <div className="min-w-0">
                <h2
                  ref={headingRef}
                  tabIndex={-1}
                  className="truncate text-sm font-semibold text-gray-950 outline-hidden"
                >
                  Preview of {stage.file.name}
                </h2>
                <p className="text-sm text-gray-500">
                  {bulkSummaryText(stage.preview.summary, true)}
                </p>
              </div>
            </div>
            <div className="flex flex-col-reverse gap-2 sm:shrink-0 sm:flex-row">
              <Button variant="secondary" onClick={reset} disabled={stage.step === 'sending'}>
                Choose another file
              </Button>
              <Button
                onClick={() => void send()}
                loading={stage.step === 'sending'}
                loadingText="Sending…"
                disabled={stage.preview.summary.invited === 0}
              >
                <IconSend className="size-4" />
                {stage.preview.summary.invited === 1
                  ? 'Send 1 invitation'
                  : `Send ${stage.preview.summary.invited} invitations`}
              </Button>
            </div>
          </div>
          {stage.step === 'sending' ? (
            <div
              className="space-y-2 border-b border-gray-950/[0.06] px-5 py-4 sm:px-6"
              aria-live="polite"
            >
              <p className="text-sm font-medium text-gray-900">
                Sending {stage.preview.summary.invited} invitations…
              </p>
              <ProgressBar label="Sending invitations" />
            </div>
          ) : null}
          <SummaryChips summary={stage.preview.summary} dryRun />
          <ResultsTable result={stage.preview} dryRun />
        </Card>
      ) : null}

      {stage.step === 'done' ? (
        <Card>
          <div className="flex flex-col gap-4 border-b border-gray-950/[0.06] px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
            <div className="flex min-w-0 items-center gap-3">
              <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-emerald-600 ring-1 ring-emerald-600/20">
                <IconCheckCircle className="size-4" />
              </span>
              <div className="min-w-0">
                <h2
                  ref={headingRef}
                  tabIndex={-1}
                  className="text-sm font-semibold text-gray-950 outline-hidden"
                >
                  Import finished
                </h2>
                <p className="text-sm text-gray-500" role="status">
                  {bulkSummaryText(stage.result.summary)}
                </p>
              </div>
            </div>
            <div className="flex shrink-0 flex-wrap gap-2">
              <Button
                variant="secondary"
                onClick={() =>
                  downloadFile(
                    `${stage.file.name.replace(/\.csv$/i, '')}-results.csv`,
                    toCsv(
                      ['row', 'email', 'role', 'status', 'reason', 'invitation_id'],
                      stage.result.results.map((r) => [
                        r.row,
                        r.email,
                        r.role,
                        r.status,
                        r.status === 'invited' ? '' : rowReason(r),
                        r.invitationId ?? '',
                      ]),
                    ),
                  )
                }
              >
                <IconDownload className="size-4" />
                Download results
              </Button>
              <Button variant="secondary" onClick={reset}>
                Import another file
              </Button>
              <Link to={peoplePath(org, 'pending')} className={buttonClasses()}>
                View invitations
              </Link>
            </div>
          </div>
          <SummaryChips summary={stage.result.summary} />
          <ResultsTable result={stage.result} />
        </Card>
      ) : null}
    </div>
  );
}

const STEPS = [
  { id: 'upload', label: 'Upload' },
  { id: 'preview', label: 'Review' },
  { id: 'done', label: 'Results' },
] as const;

function Steps({ current }: { current: Stage['step'] }) {
  const index = current === 'upload' || current === 'checking' ? 0 : current === 'done' ? 2 : 1;
  return (
    <ol className="flex items-center gap-2 text-sm" aria-label="Import steps">
      {STEPS.map((step, i) => (
        <li
          key={step.id}
          className="flex items-center gap-2"
          aria-current={i === index ? 'step' : undefined}
        >
          <span
            className={cn(
              'flex size-6 items-center justify-center rounded-full text-xs font-semibold',
              i < index
                ? 'bg-brand-600 text-white'
                : i === index
                  ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-600/30'
                  : 'bg-gray-100 text-gray-500',
            )}
          >
            {i + 1}
          </span>
          <span className={cn(i === index ? 'font-medium text-gray-950' : 'text-gray-500')}>
            {step.label}
          </span>
          {i < STEPS.length - 1 ? (
            <span aria-hidden="true" className="mx-1 h-px w-6 bg-gray-200 sm:w-10" />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function SummaryChips({
  summary,
  dryRun = false,
}: {
  summary: BulkResult['summary'];
  dryRun?: boolean;
}) {
  const entries = (Object.keys(BULK_STATUS) as BulkStatus[]).filter((status) => summary[status]);
  return (
    <ul className="flex flex-wrap gap-2 px-5 py-4 sm:px-6" aria-label="Summary">
      <li className="rounded-lg bg-gray-50 px-3 py-1.5 text-sm ring-1 ring-gray-950/5">
        <span className="font-semibold text-gray-950 tabular-nums">{summary.total}</span>{' '}
        <span className="text-gray-500">{summary.total === 1 ? 'row' : 'rows'}</span>
      </li>
      {entries.map((status) => (
        <li
          key={status}
          className="flex items-center gap-2 rounded-lg bg-gray-50 px-3 py-1.5 text-sm ring-1 ring-gray-950/5"
        >
          <span className="font-semibold text-gray-950 tabular-nums">{summary[status]}</span>
          <StatusBadge status={status} dryRun={dryRun} />
        </li>
      ))}
    </ul>
  );
}

function ResultsTable({ result, dryRun = false }: { result: BulkResult; dryRun?: boolean }) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const rows = problemsOnly ? result.results.filter((r) => r.status !== 'invited') : result.results;
  const visible = rows.slice(0, PREVIEW_ROWS);
  const problems = result.results.length - (result.summary.invited ?? 0);
  return (
    <div className="border-t border-gray-950/[0.06]">
      {problems > 0 ? (
        <div className="flex items-center justify-end px-5 pt-3 sm:px-6">
          <label className="flex items-center gap-2 text-sm text-gray-600">
            <input
              type="checkbox"
              checked={problemsOnly}
              onChange={(event) => setProblemsOnly(event.target.checked)}
              className={cn('size-4 rounded border-gray-300 accent-brand-600', focusRing)}
            />
            Only rows that won&apos;t be invited
          </label>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm sm:min-w-[36rem]">
          <caption className="sr-only">
            {dryRun ? 'What will happen to each row' : 'What happened to each row'}
          </caption>
          <thead className="text-xs text-gray-500">
            <tr className="border-b border-gray-950/[0.06]">
              <th scope="col" className="w-12 py-2.5 pr-2 pl-4 font-medium sm:w-16 sm:pr-3 sm:pl-6">
                Row
              </th>
              <th scope="col" className="px-2 py-2.5 font-medium sm:px-3">
                Email
              </th>
              <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">
                Role
              </th>
              <th scope="col" className="py-2.5 pr-4 pl-2 font-medium sm:pr-6 sm:pl-3">
                {dryRun ? 'Will be' : 'Result'}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-950/[0.05]">
            {visible.map((row) => (
              <tr key={`${row.row}-${row.email}`}>
                <td className="py-2.5 pr-2 pl-4 align-top text-gray-600 tabular-nums sm:pr-3 sm:pl-6">
                  {row.row}
                </td>
                <td className="px-2 py-2.5 align-top font-medium [overflow-wrap:anywhere] text-gray-900 sm:max-w-[16rem] sm:px-3">
                  {row.email || '—'}
                  {/* Phones have no Role column: the role goes under the address. */}
                  <span className="block text-xs font-normal text-gray-600 capitalize sm:hidden">
                    {row.role || '—'}
                  </span>
                </td>
                <td className="hidden px-3 py-2.5 align-top text-gray-600 capitalize sm:table-cell">
                  {row.role || '—'}
                </td>
                <td className="py-2.5 pr-4 pl-2 align-top sm:pr-6 sm:pl-3">
                  <div className="flex flex-col items-start gap-1">
                    <StatusBadge status={row.status} dryRun={dryRun} />
                    {row.status !== 'invited' ? (
                      <span className="text-xs text-gray-600">{rowReason(row)}</span>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > PREVIEW_ROWS ? (
        <p className="border-t border-gray-950/[0.06] px-5 py-3 text-sm text-gray-500 sm:px-6">
          Showing the first {PREVIEW_ROWS} of {rows.length.toLocaleString()} rows.
          {dryRun ? '' : ' Download the results for all of them.'}
        </p>
      ) : null}
    </div>
  );
}
