import { Button, Card, CardContent, CardHeader, toast } from '@kit/ui';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { OrgAvatar } from './org-avatar';
import { errorMessage, isApiError } from '../lib/api';
import { fetchSuggestions, joinSuggestion, type DomainSuggestion } from '../lib/joining';
import { orgPath, refreshOrganizations } from '../lib/organizations';
import { roleWord, withArticle } from '../lib/permissions';
import { setQueryData, useQuery } from '../lib/query';

const KEY = 'me:suggestions';

/**
 * Organizations that verified the domain of the person's address: an automatic invitation
 * ("Join Acme") or a suggestion ("Ask to join"). Nothing when there are none.
 */
export function DomainSuggestions() {
  const suggestions = useQuery(KEY, fetchSuggestions);
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const list = suggestions.data ?? [];
  if (list.length === 0) return null;

  const act = async (suggestion: DomainSuggestion) => {
    setBusy(suggestion.domainId);
    try {
      const result = await joinSuggestion(suggestion.domainId);
      if ('request' in result) {
        setQueryData<DomainSuggestion[]>(KEY, (current = []) =>
          current.map((s) =>
            s.domainId === suggestion.domainId ? { ...s, pendingRequestId: result.request.id } : s,
          ),
        );
        toast(`Request sent to ${suggestion.organization.name}`, {
          description: "You'll get an email when an admin answers.",
        });
      } else {
        await refreshOrganizations().catch(() => undefined);
        toast(`Welcome to ${suggestion.organization.name}`);
        await navigate(orgPath(result.organization));
      }
    } catch (error) {
      toast(errorMessage(error), {
        description: isApiError(error) ? error.remediation : undefined,
        variant: 'error',
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card>
      <CardHeader
        title="Teams you can join"
        description="Your organization verified the domain of your email address."
      />
      <CardContent>
        <ul className="divide-y divide-gray-100" aria-label="Teams you can join">
          {list.map((s) => (
            <li key={s.domainId} className="flex items-center gap-3 py-3">
              <OrgAvatar name={s.organization.name} />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium text-gray-900">{s.organization.name}</p>
                <p className="text-gray-500">
                  {s.kind === 'invitation'
                    ? `You're invited as ${withArticle(roleWord(s.role))} (@${s.domain})`
                    : `For people at @${s.domain}`}
                </p>
              </div>
              {s.pendingRequestId ? (
                <span className="text-sm text-gray-500">Request sent</span>
              ) : (
                <Button
                  size="sm"
                  loading={busy === s.domainId}
                  loadingText={s.kind === 'invitation' ? 'Joining…' : 'Sending…'}
                  onClick={() => void act(s)}
                >
                  {s.kind === 'invitation'
                    ? `Join ${s.organization.name}`
                    : `Ask to join ${s.organization.name}`}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
