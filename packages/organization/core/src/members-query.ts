import { db, executePrepared, rowsOf } from '@kit/database';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from './actor';
import type { MemberView } from './contracts';
import { fail } from './errors';
import { currentRoles } from './roles';

export const MEMBER_SORTS = ['name', 'email', 'role', 'joined'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface MemberPageQuery {
  /** Case-insensitive substring of the name or the email. */
  q?: string;
  sort?: MemberSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** One page of members and how many match in all (page numbers need the total). */
export interface MemberPage {
  members: MemberView[];
  total: number;
  limit: number;
  offset: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** `%`, `_` and `\` match literally in a search: the person typed text, not a pattern. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** ISO 8601 in UTC, written by Postgres so rows need no Date round trip. */
export const isoText = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function memberOrder(sort: MemberSort, order: SortOrder): SQL {
  const dir = order === 'desc' ? sql.raw('desc') : sql.raw('asc');
  const key = {
    name: sql`lower(u.name) ${dir}, lower(u.email) ${dir}`,
    email: sql`lower(u.email) collate "C" ${dir}`,
    // Display order of the role set (owner first), not the alphabet; unknown roles last.
    role: sql`coalesce(array_position(string_to_array(${currentRoles().ids.join(',')}, ','), m.role), 2147483647) ${dir}`,
    joined: sql`m.created_at ${dir}`,
  }[sort];
  // The id breaks ties so that no row moves between pages when keys are equal.
  return sql`${key}, m.id ${dir}`;
}

type Row = {
  member: boolean | null;
  id: string | null;
  user_id: string;
  role: string;
  joined_at: string;
  name: string;
  email: string;
  image: string | null;
  metadata: Record<string, unknown> | null;
  total: number | string | null;
};

/**
 * Members of an organization, searched, sorted and paged, in one statement: the actor's
 * membership (a non-member gets ORGANIZATION_NOT_FOUND, as everywhere), the page and the total
 * (`count(*) over ()`) come back together, with dates already formatted by Postgres.
 */
export async function listMembersPage({
  actor,
  organizationId,
  query = {},
}: {
  actor: Actor;
  organizationId: string;
  query?: MemberPageQuery;
}): Promise<MemberPage> {
  // An API key works for its own organization only (requireMembership's rule, in one statement here).
  if (actor.apiKey && actor.apiKey.organizationId !== organizationId)
    return fail('ORGANIZATION_NOT_FOUND');
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const offset = Math.max(query.offset ?? 0, 0);
  const search = query.q?.trim();
  const matches = search
    ? sql`and (u.name ilike ${likePattern(search)} or u.email ilike ${likePattern(search)})`
    : sql``;
  // Prepared: the text takes one shape per sort, order and search-or-not.
  const rows = await executePrepared<Row>(sql`
    with me as (
      select true as member from member
      where organization_id = ${organizationId} and user_id = ${actor.userId}
    ),
    page as (
      select m.id, m.user_id, m.role, ${isoText(sql`m.created_at`)} as joined_at,
             u.name, u.email, u.image, m.metadata, count(*) over () as total
      from member m join "user" u on u.id = m.user_id
      where m.organization_id = ${organizationId} and exists (select 1 from me) ${matches}
      order by ${memberOrder(query.sort ?? 'joined', query.order ?? 'asc')}
      limit ${limit} offset ${offset}
    )
    select me.member, page.* from me left join page on true
  `);
  if (rows.length === 0) return fail('ORGANIZATION_NOT_FOUND');
  const roles = currentRoles();
  const members: MemberView[] = [];
  for (const r of rows) {
    if (r.id === null) continue;
    members.push({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      email: r.email,
      image: r.image,
      role: roles.asRole(r.role),
      joinedAt: r.joined_at,
      metadata: r.metadata ?? {},
    });
  }
  let total = Number(rows[0]!.total ?? 0);
  if (members.length === 0 && offset > 0) {
    // Past the last page: the window had no row to carry the total.
    const [counted] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from member m join "user" u on u.id = m.user_id
        where m.organization_id = ${organizationId} ${matches}`),
    );
    total = counted?.n ?? 0;
  }
  return { members, total, limit, offset };
}
