import {
  Alert,
  Button,
  Card,
  CardContent,
  CardFooter,
  CardHeader,
  FormField,
  IconLogOut,
  IconTrash,
  textLinkClasses,
  toast,
} from '@kit/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../components/confirm-dialog';
import { PageHeader } from '../components/page-header';
import { errorMessage, isApiError } from '../lib/api';
import {
  deleteOrganization,
  departedOrganizations,
  leaveOrganization,
  orgPath,
  organizationsResource,
  refreshOrganizations,
  updateOrganization,
  useCurrentOrganization,
  type Organization,
} from '../lib/organizations';
import { can, roles, roleWord, withArticle } from '../lib/permissions';
import { removeQueries, useQuery } from '../lib/query';
import { hasSeveralOwners } from '../lib/people';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromFields, validateOrganization } from '../lib/validation';

export function Component() {
  const org = useCurrentOrganization();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        documentTitle={`Settings · ${org.name}`}
        description={`Manage ${org.name}. You are ${withArticle(roleWord(org.role))} of this organization.`}
      />
      {/* Keyed so the form starts again from the saved values when switching organizations. */}
      <GeneralSettings key={org.id} org={org} />
      <DangerZone org={org} />
    </div>
  );
}

function GeneralSettings({ org }: { org: Organization }) {
  const navigate = useNavigate();
  const editable = can.updateOrganization(org.role);
  const form = useForm({ name: org.name, slug: org.slug }, validateOrganization);
  const [failure, setFailure] = useState<string | null>(null);
  const dirty = form.values.name.trim() !== org.name || form.values.slug.trim() !== org.slug;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const changes: { name?: string; slug?: string } = {};
    if (values.name.trim() !== org.name) changes.name = values.name.trim();
    if (values.slug.trim() !== org.slug) changes.slug = values.slug.trim();
    if (!Object.keys(changes).length) return;
    try {
      const updated = await updateOrganization(org.id, changes);
      // The page finds its organization by id, so the new slug does not lose it before the address follows.
      organizationsResource.set(
        (organizationsResource.get() ?? []).map((o) =>
          o.id === updated.id ? { ...o, ...updated } : o,
        ),
      );
      form.reset({ name: updated.name, slug: updated.slug });
      if (updated.slug !== org.slug)
        await navigate(orgPath(updated, 'settings'), { replace: true, flushSync: true });
      toast('Settings saved');
    } catch (error) {
      if (isApiError(error, 'SLUG_TAKEN')) {
        return form.setFieldError('slug', `“${values.slug.trim()}” is taken. Try another slug.`);
      }
      if (isApiError(error, 'VALIDATION_ERROR')) {
        const fields = fieldErrorsFromFields(error.details);
        if (fields.name) return form.setFieldError('name', fields.name);
        if (fields.slug) return form.setFieldError('slug', fields.slug);
      }
      setFailure(errorMessage(error));
    }
  });

  return (
    <Card>
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <CardHeader
          title="General"
          description={
            editable
              ? 'The name your teammates see, and the address of its pages.'
              : 'Only owners and admins can change these settings.'
          }
        />
        <CardContent className="space-y-5">
          {failure ? <Alert variant="error">{failure}</Alert> : null}
          <FormField
            label="Organization name"
            required
            readOnly={!editable}
            autoComplete="organization"
            containerClassName="max-w-md"
            {...form.field('name')}
          />
          <FormField
            label="URL slug"
            required
            readOnly={!editable}
            autoCapitalize="none"
            spellCheck={false}
            containerClassName="max-w-md"
            hint={
              editable ? (
                <>
                  Pages live at{' '}
                  <span className="font-medium text-gray-700">
                    /orgs/{form.values.slug.trim() || org.slug}
                  </span>
                  . Changing it breaks bookmarks to the old address.
                </>
              ) : undefined
            }
            {...form.field('slug')}
          />
        </CardContent>
        {editable ? (
          <CardFooter>
            {dirty ? (
              <Button
                variant="ghost"
                onClick={() => form.reset({ name: org.name, slug: org.slug })}
                disabled={form.pending}
              >
                Discard
              </Button>
            ) : null}
            <Button type="submit" loading={form.pending} loadingText="Saving…" disabled={!dirty}>
              Save changes
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}

function DangerZone({ org }: { org: Organization }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'leave' | 'delete' | null>(null);

  const owner = roles.isOwner(org.role);
  // Only an owner can be the last one: count the owners for them.
  const severalOwners = useQuery(owner ? `org:${org.id}:several-owners` : '', () =>
    hasSeveralOwners(org.id),
  );
  const lastOwner = owner && severalOwners.data === false;

  // Set once the organization is left or deleted: it is forgotten when this page unmounts, after
  // the navigation away has rendered, so no page of it renders without it in the meantime.
  const gone = useRef(false);
  useEffect(
    () => () => {
      if (!gone.current) return;
      organizationsResource.set((organizationsResource.get() ?? []).filter((o) => o.id !== org.id));
      removeQueries(`org:${org.id}:`);
      void refreshOrganizations().catch(() => undefined);
    },
    [org.id],
  );

  /** After leaving or deleting: go to the next organization, or the dashboard. */
  const goElsewhere = async (message: string) => {
    const next = (organizationsResource.get() ?? []).find((o) => o.id !== org.id);
    gone.current = true;
    departedOrganizations.add(org.id);
    await navigate(next ? orgPath(next) : '/dashboard', { replace: true });
    toast(message);
  };

  return (
    <Card className="ring-red-600/20">
      <CardHeader title="Danger zone" description="These actions cannot be undone." />
      <CardContent className="divide-y divide-gray-100 pt-2">
        <div className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h3 className="text-sm font-medium text-gray-950">Leave organization</h3>
            {lastOwner ? (
              <p id="leave-blocked" className="text-sm text-gray-600">
                You are the only owner, so you can't leave {org.name}.{' '}
                {can.transferOwnership(org.role) ? (
                  <>
                    <Link to={orgPath(org, 'members')} className={textLinkClasses}>
                      Make another member the owner
                    </Link>{' '}
                    first, or delete the organization.
                  </>
                ) : (
                  'Delete the organization instead.'
                )}
              </p>
            ) : (
              <p className="text-sm text-gray-500">
                You lose access to {org.name}. To come back, someone has to invite you again.
              </p>
            )}
          </div>
          <Button
            variant="secondary"
            onClick={() => setDialog('leave')}
            disabled={lastOwner}
            aria-describedby={lastOwner ? 'leave-blocked' : undefined}
            className="text-red-700 disabled:text-gray-500"
          >
            <IconLogOut className="size-4" />
            Leave
          </Button>
        </div>
        {can.deleteOrganization(org.role) ? (
          <div className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <h3 className="text-sm font-medium text-gray-950">Delete organization</h3>
              <p className="text-sm text-gray-500">
                Deletes {org.name} with its members, invitations and activity, for everyone.
              </p>
            </div>
            <Button variant="danger" onClick={() => setDialog('delete')}>
              <IconTrash className="size-4" />
              Delete organization
            </Button>
          </div>
        ) : null}
      </CardContent>

      <ConfirmDialog
        open={dialog === 'leave'}
        onClose={() => setDialog(null)}
        title={`Leave ${org.name}?`}
        description="You'll lose access to the organization right away."
        confirmLabel="Leave organization"
        pendingLabel="Leaving…"
        destructive
        onConfirm={async () => {
          await leaveOrganization(org.id);
          await goElsewhere(`You left ${org.name}`);
        }}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title={`Delete ${org.name}?`}
        description="Its members lose access, pending invitations stop working and the activity log is deleted. This cannot be undone."
        confirmLabel="Delete organization"
        pendingLabel="Deleting…"
        destructive
        confirmText={org.name}
        onConfirm={async () => {
          await deleteOrganization(org.id);
          await goElsewhere(`${org.name} was deleted`);
        }}
      />
    </Card>
  );
}
