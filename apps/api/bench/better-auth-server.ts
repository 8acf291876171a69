/**
 * The baseline of the single-invitation bench: a minimal Hono server on Node with better-auth
 * and its organization plugin, nothing else, on its own fresh database. Invitations go through
 * the plugin's own endpoint (`POST /api/auth/organization/invite-member`) and its
 * `sendInvitationEmail` sends inline through an instant transport.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { drizzle } from 'drizzle-orm/postgres-js';
import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import postgres from 'postgres';

const ts = (name: string) => timestamp(name, { withTimezone: true });

// better-auth's default tables (core + organization plugin), as its drizzle adapter maps them.
const schema = {
  user: pgTable('user', {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull(),
    image: text('image'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  }),
  session: pgTable('session', {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id').notNull(),
    activeOrganizationId: text('active_organization_id'),
  }),
  account: pgTable('account', {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id').notNull(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  }),
  verification: pgTable('verification', {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
  }),
  organization: pgTable('organization', {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    logo: text('logo'),
    createdAt: ts('created_at').notNull(),
    metadata: text('metadata'),
  }),
  member: pgTable('member', {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: ts('created_at').notNull(),
  }),
  invitation: pgTable('invitation', {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    email: text('email').notNull(),
    role: text('role'),
    teamId: text('team_id'),
    status: text('status').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull(),
    inviterId: text('inviter_id').notNull(),
  }),
};

// The same tables in SQL, with the foreign keys and indexes better-auth's migrations create.
const ddl = `
create table "user" (id text primary key, name text not null, email text not null unique,
  email_verified boolean not null, image text, created_at timestamptz not null, updated_at timestamptz not null);
create table session (id text primary key, expires_at timestamptz not null, token text not null unique,
  created_at timestamptz not null, updated_at timestamptz not null, ip_address text, user_agent text,
  user_id text not null references "user"(id) on delete cascade, active_organization_id text);
create index session_user_id_idx on session (user_id);
create table account (id text primary key, account_id text not null, provider_id text not null,
  user_id text not null references "user"(id) on delete cascade, access_token text, refresh_token text,
  id_token text, access_token_expires_at timestamptz, refresh_token_expires_at timestamptz, scope text,
  password text, created_at timestamptz not null, updated_at timestamptz not null);
create index account_user_id_idx on account (user_id);
create table verification (id text primary key, identifier text not null, value text not null,
  expires_at timestamptz not null, created_at timestamptz, updated_at timestamptz);
create index verification_identifier_idx on verification (identifier);
create table organization (id text primary key, name text not null, slug text not null unique, logo text,
  created_at timestamptz not null, metadata text);
create table member (id text primary key,
  organization_id text not null references organization(id) on delete cascade,
  user_id text not null references "user"(id) on delete cascade, role text not null,
  created_at timestamptz not null);
create index member_organization_id_idx on member (organization_id);
create index member_user_id_idx on member (user_id);
create table invitation (id text primary key,
  organization_id text not null references organization(id) on delete cascade,
  email text not null, role text, team_id text, status text not null, expires_at timestamptz not null,
  created_at timestamptz not null, inviter_id text not null references "user"(id) on delete cascade);
create index invitation_organization_id_idx on invitation (organization_id);
create index invitation_email_idx on invitation (email);
`;

export interface PluginServer {
  url: string;
  /** Invitation emails handed to the (instant) transport. */
  sent(): number;
  close(): Promise<void>;
}

export async function startPluginServer(options: {
  databaseUrl: string;
  appUrl: string;
  secret: string;
  poolSize?: number;
}): Promise<PluginServer> {
  const client = postgres(options.databaseUrl, { max: options.poolSize ?? 10, onnotice: () => {} });
  await client.unsafe(ddl);
  let sent = 0;
  const auth = betterAuth({
    baseURL: options.appUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: [options.appUrl],
    database: drizzleAdapter(drizzle(client, { schema }), { provider: 'pg', schema }),
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: false },
    plugins: [
      organization({
        invitationLimit: 1_000_000,
        membershipLimit: 1_000_000,
        // An instant provider, called inline as the plugin's documentation shows.
        sendInvitationEmail: async (data) => {
          const url = `${options.appUrl}/accept-invitation/${data.id}`;
          void {
            to: data.email,
            subject: `${data.inviter.user.name} invited you to join ${data.organization.name}`,
            text: `Accept: ${url}`,
          };
          sent++;
        },
      }),
    ],
  });
  const app = new Hono();
  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await client.end({ timeout: 5 });
    },
  };
}
