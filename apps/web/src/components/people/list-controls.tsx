import {
  Button,
  cn,
  focusRing,
  IconArrowLeft,
  IconArrowRight,
  IconChevronDown,
  IconChevronsUpDown,
  IconSearch,
  Input,
  Select,
} from '@kit/ui';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type ListQuery, type SortOrder } from '../../lib/people';

const SEARCH_DELAY_MS = 300;

/**
 * The list state of the People view, kept in the URL (`q`, `sort`, `order`, `page`, `size`) so
 * that a reload, a shared link or Back shows the same page.
 */
export function useListQuery<S extends string>(
  sorts: readonly S[],
  defaults: { sort: S; order: (sort: S) => SortOrder },
): {
  query: ListQuery<S>;
  setSort: (sort: S) => void;
  setPage: (page: number) => void;
  setSize: (size: number) => void;
} {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort') as S | null;
  const sort = sortParam && sorts.includes(sortParam) ? sortParam : defaults.sort;
  const orderParam = params.get('order');
  const order: SortOrder =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : defaults.order(sort);
  const sizeParam = Number(params.get('size'));
  const size = (PAGE_SIZES as readonly number[]).includes(sizeParam)
    ? sizeParam
    : DEFAULT_PAGE_SIZE;
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  return {
    query: { q: params.get('q') ?? '', sort, order, page, size },
    setSort: (next) =>
      update({
        sort: next,
        // The same column again flips the order; another starts in its natural order.
        order: next === sort ? (order === 'asc' ? 'desc' : 'asc') : defaults.order(next),
        page: null,
      }),
    setPage: (next) => update({ page: next > 1 ? String(next) : null }),
    setSize: (next) =>
      update({ size: next === DEFAULT_PAGE_SIZE ? null : String(next), page: null }),
  };
}

/** A search box whose text reaches the URL (`q`) once typing pauses; going back restores it. */
export function SearchBox({ label, placeholder }: { label: string; placeholder: string }) {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('q') ?? '';
  const [text, setText] = useState(fromUrl);
  const sent = useRef(fromUrl);

  // The URL changed by itself (Back, a link): show its search.
  useEffect(() => {
    if (fromUrl !== sent.current) {
      sent.current = fromUrl;
      setText(fromUrl);
    }
  }, [fromUrl]);

  useEffect(() => {
    if (text.trim() === sent.current.trim()) return;
    const timer = window.setTimeout(() => {
      sent.current = text.trim();
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (text.trim()) next.set('q', text.trim());
          else next.delete('q');
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, setParams]);

  return (
    <div className="relative w-full sm:w-72">
      <IconSearch className="pointer-events-none absolute inset-y-0 left-2.5 my-auto size-4 text-gray-400" />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="pl-8"
      />
    </div>
  );
}

/** A column header that sorts the list by its column; `aria-sort` says how it is sorted now. */
export function SortHeader<S extends string>({
  column,
  query,
  onSort,
  className,
  children,
}: {
  column: S;
  query: ListQuery<S>;
  onSort: (sort: S) => void;
  className?: string;
  children: ReactNode;
}) {
  const active = query.sort === column;
  return (
    <th
      scope="col"
      aria-sort={active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={cn('py-2.5 font-medium', className)}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          '-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-gray-900',
          active && 'text-gray-900',
          focusRing,
        )}
      >
        {children}
        {active ? (
          <IconChevronDown
            aria-hidden="true"
            className={cn('size-3.5', query.order === 'asc' && 'rotate-180')}
          />
        ) : (
          <IconChevronsUpDown aria-hidden="true" className="size-3.5 text-gray-400" />
        )}
      </button>
    </th>
  );
}

/** "1–25 of 240", the page size and previous/next page. */
export function Pagination({
  label,
  total,
  query,
  shown,
  onPage,
  onSize,
}: {
  /** What is counted, for the navigation's name ("members"). */
  label: string;
  total: number;
  query: ListQuery<string>;
  /** Rows on this page. */
  shown: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}) {
  const first = total === 0 ? 0 : (query.page - 1) * query.size + 1;
  const last = Math.min(total, (query.page - 1) * query.size + shown);
  const pages = Math.max(1, Math.ceil(total / query.size));
  const sizeId = useId();
  return (
    <nav
      aria-label={`Pages of ${label}`}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-gray-950/[0.06] px-4 py-3 text-sm text-gray-600 sm:px-6"
    >
      <p aria-live="polite" className="tabular-nums">
        {first}–{last} of {total}
      </p>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId}>Rows per page</label>
          <Select
            id={sizeId}
            value={String(query.size)}
            onChange={(event) => onSize(Number(event.target.value))}
            containerClassName="w-20"
            className="py-1 pr-8"
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-1">
          <Button
            size="icon"
            variant="secondary"
            aria-label="Previous page"
            disabled={query.page <= 1}
            onClick={() => onPage(query.page - 1)}
          >
            <IconArrowLeft className="size-4" />
          </Button>
          <Button
            size="icon"
            variant="secondary"
            aria-label="Next page"
            disabled={query.page >= pages}
            onClick={() => onPage(query.page + 1)}
          >
            <IconArrowRight className="size-4" />
          </Button>
        </div>
      </div>
    </nav>
  );
}

/**
 * The last data of a list while the next page (or search) loads, so the table does not flash
 * empty between pages.
 */
export function useKeptData<T>(data: T | undefined): T | undefined {
  const [kept, setKept] = useState(data);
  if (data !== undefined && data !== kept) setKept(data);
  return data ?? kept;
}
