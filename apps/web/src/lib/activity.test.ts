import { describe, expect, it } from 'vitest';
import { describeActivity } from './activity';
import type { ActivityItem } from './organizations';

const olivia = { id: 'u1', name: 'Olivia', email: 'olivia@x.co' };
const item = (action: string, extra: Partial<ActivityItem> = {}): ActivityItem => ({
  id: 'a1',
  action,
  actor: olivia,
  targetType: 'invitation',
  targetId: 't1',
  targetLabel: 'bob@x.co',
  data: {},
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const sentence = (i: ActivityItem, options?: { organizationName?: string }) => {
  const s = describeActivity(i, options);
  return `${s.actor} ${s.text}`;
};

describe('describeActivity', () => {
  it('names a deleted account that left by its anonymised label', () => {
    expect(
      sentence(
        item('member.left', { actor: null, targetType: 'member', targetLabel: 'Deleted user' }),
      ),
    ).toBe('Deleted user left the organization');
    expect(sentence(item('member.left', { targetType: 'member' }))).toBe(
      'Olivia left the organization',
    );
  });

  it('reads invitations as sentences', () => {
    expect(sentence(item('invitation.created', { data: { role: 'member' } }))).toBe(
      'Olivia invited bob@x.co as member',
    );
    expect(sentence(item('invitation.resent'))).toBe('Olivia resent the invitation to bob@x.co');
    expect(sentence(item('invitation.canceled'))).toBe(
      'Olivia canceled the invitation to bob@x.co',
    );
    expect(
      sentence(
        item('invitation.accepted', {
          actor: { id: 'u2', name: 'Bob', email: 'bob@x.co' },
          data: { role: 'admin' },
        }),
      ),
    ).toBe('Bob accepted the invitation and joined as admin');
    expect(sentence(item('invitation.declined', { actor: null }))).toBe(
      'bob@x.co declined the invitation',
    );
  });

  it('reads member and organization changes', () => {
    expect(sentence(item('member.role_changed', { data: { from: 'member', to: 'admin' } }))).toBe(
      "Olivia changed bob@x.co's role from member to admin",
    );
    expect(sentence(item('member.removed'))).toBe('Olivia removed bob@x.co from the organization');
    expect(sentence(item('member.left'))).toBe('Olivia left the organization');
    expect(sentence(item('ownership.transferred'))).toBe(
      'Olivia transferred ownership to bob@x.co',
    );
    expect(sentence(item('organization.created', { targetLabel: 'Acme' }))).toBe(
      'Olivia created the organization Acme',
    );
    expect(
      sentence(
        item('organization.updated', { data: { changes: { name: 'Acme 2', slug: 'acme-2' } } }),
      ),
    ).toBe('Olivia renamed the organization to Acme 2 and changed its URL slug to “acme-2”');
    expect(
      sentence(item('organization.updated', { data: { changes: { slug: 'acme-2' } } }), {
        organizationName: 'Acme',
      }),
    ).toBe('Olivia changed the URL slug of Acme to “acme-2”');
    expect(
      sentence(item('organization.updated', { data: { changes: {} } }), {
        organizationName: 'Acme',
      }),
    ).toBe('Olivia updated the settings of Acme');
  });

  it('names people by their name where their account is known, else by their email', () => {
    expect(sentence(item('member.removed', { targetName: 'Bob Stone' }))).toBe(
      'Olivia removed Bob Stone from the organization',
    );
    expect(sentence(item('invitation.created', { targetName: null, data: { role: 'x' } }))).toBe(
      'Olivia invited bob@x.co as x',
    );
    expect(sentence(item('invitation.declined', { actor: null, targetName: 'Bob Stone' }))).toBe(
      'Bob Stone declined the invitation',
    );
  });

  it('copes with a deleted account and unknown actions', () => {
    expect(sentence(item('member.removed', { actor: null }))).toBe(
      'Someone removed bob@x.co from the organization',
    );
    expect(sentence(item('billing.plan_changed', { targetLabel: null }))).toBe(
      'Olivia billing plan changed',
    );
  });

  it('names an API key, not its creator, for a change made with the key', () => {
    const byKey = { apiKey: { id: 'k1', name: 'HR sync' } };
    expect(sentence(item('invitation.created', { ...byKey, data: { role: 'member' } }))).toBe(
      'API key HR sync invited bob@x.co as member',
    );
    expect(
      sentence(item('api_key.created', { targetType: 'api_key', targetLabel: 'HR sync' })),
    ).toBe('Olivia created the API key HR sync');
  });
});
