import { Avatar, Button, Card, EmptyState, IconActivity, Skeleton } from '@kit/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { describeActivity } from '../lib/activity';
import { errorMessage } from '../lib/api';
import { formatDate, formatDateTime, formatRelativeTime } from '../lib/format';
import { fetchActivity, useCurrentOrganization, type ActivityItem } from '../lib/organizations';
import { can } from '../lib/permissions';
import { LoadError } from '../components/load-error';

export function Component() {
  const org = useCurrentOrganization();
  if (!can.readActivity(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Activity" documentTitle={`Activity · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can see the activity log" />
      </div>
    );
  }
  return <Activity key={org.id} />;
}

/** "Today", "Yesterday" or the date, for grouping the log by day. */
function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return formatDate(date, undefined, date.getFullYear() !== now.getFullYear());
}

function Activity() {
  const org = useCurrentOrganization();
  const [items, setItems] = useState<ActivityItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const firstNewRef = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const loadFirst = useCallback(
    () =>
      fetchActivity(org.id).then(
        (page) => {
          setError(null);
          setItems(page.items);
          setCursor(page.nextCursor);
        },
        (e: unknown) => setError(e),
      ),
    [org.id],
  );

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await fetchActivity(org.id, cursor);
      firstNewRef.current = page.items[0]?.id ?? null;
      setItems((current) => [...(current ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  // After "Load more", keyboard focus moves to the first new entry.
  useEffect(() => {
    const id = firstNewRef.current;
    if (!id) return;
    firstNewRef.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus();
  }, [items]);

  const groups: { label: string; items: ActivityItem[] }[] = [];
  for (const item of items ?? []) {
    const label = dayLabel(item.createdAt);
    const last = groups.at(-1);
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Activity"
        documentTitle={`Activity · ${org.name}`}
        description={`Who changed what in ${org.name}, newest first.`}
      />

      {error && !items ? (
        <LoadError what="the activity log" error={error} onRetry={() => loadFirst()} />
      ) : null}

      <Card>
        {items === null && !error ? (
          <div
            className="divide-y divide-gray-950/[0.05]"
            role="status"
            aria-label="Loading activity"
          >
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="flex items-center gap-3 px-5 py-4 sm:px-6">
                <Skeleton className="size-8 rounded-full" />
                <Skeleton className="h-3.5 w-80 max-w-[70%]" />
                <Skeleton className="ml-auto h-3 w-16" />
              </div>
            ))}
          </div>
        ) : items && items.length === 0 ? (
          <EmptyState
            icon={<IconActivity />}
            title="No activity yet"
            description="Invitations, role changes and settings updates will be listed here."
          />
        ) : items ? (
          <ol ref={listRef} aria-label="Activity" className="pb-2">
            {groups.map((group) => (
              <li key={group.label}>
                <h2 className="sticky top-14 z-10 border-b border-gray-950/[0.05] bg-white/95 px-5 py-2 text-xs font-medium text-gray-500 backdrop-blur first:rounded-t-card sm:px-6">
                  {group.label}
                </h2>
                <ol className="divide-y divide-gray-950/[0.04]">
                  {group.items.map((item) => {
                    const sentence = describeActivity(item, { organizationName: org.name });
                    return (
                      <li
                        key={item.id}
                        data-id={item.id}
                        tabIndex={-1}
                        className="flex items-start gap-3 px-5 py-3.5 outline-hidden focus-visible:bg-brand-50/50 sm:px-6"
                      >
                        <Avatar
                          name={
                            item.apiKey
                              ? `API key ${item.apiKey.name}`
                              : item.actor
                                ? item.actor.name
                                : item.targetName
                          }
                          email={item.apiKey ? null : (item.actor?.email ?? item.targetLabel)}
                          size="sm"
                        />
                        <p className="min-w-0 flex-1 pt-1.5 text-sm text-gray-700">
                          <span className="font-medium text-gray-950">{sentence.actor}</span>{' '}
                          {sentence.text}
                        </p>
                        <time
                          dateTime={item.createdAt}
                          title={formatDateTime(item.createdAt)}
                          className="shrink-0 pt-1.5 text-xs whitespace-nowrap text-gray-500"
                        >
                          {formatRelativeTime(item.createdAt)}
                        </time>
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
        ) : null}
        {items && (cursor || (error && items)) ? (
          <div className="flex flex-col items-center gap-3 border-t border-gray-950/[0.06] px-5 py-4">
            {error ? <p className="text-sm text-red-600">{errorMessage(error)}</p> : null}
            {cursor ? (
              <Button
                variant="secondary"
                onClick={() => void loadMore()}
                loading={loadingMore}
                loadingText="Loading…"
              >
                Load more
              </Button>
            ) : null}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
