import {
  Alert,
  Button,
  buttonClasses,
  Card,
  CardContent,
  CardFooter,
  FormField,
  IconArrowLeft,
  IconBuilding,
  toast,
} from '@kit/ui';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../components/page-title';
import { errorMessage, isApiError } from '../lib/api';
import {
  createOrganization,
  orgPath,
  organizationsResource,
  useOrganizations,
} from '../lib/organizations';
import { sessionResource } from '../lib/session';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromFields, slugify, validateOrganization } from '../lib/validation';

export function Component() {
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const form = useForm({ name: '', slug: '' }, validateOrganization);
  const slugEdited = useRef(false);
  const [failure, setFailure] = useState<string | null>(null);
  const nameField = form.field('name');
  const slugField = form.field('slug');

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const org = await createOrganization({ name: values.name.trim(), slug: values.slug.trim() });
      organizationsResource.set([...(organizationsResource.get() ?? []), org]);
      const data = sessionResource.get();
      if (data)
        sessionResource.set({
          ...data,
          session: { ...data.session, activeOrganizationId: org.id },
        });
      toast(`${org.name} is ready`, { description: 'Invite your teammates to get started.' });
      await navigate(orgPath(org), { replace: true });
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
    <div className="mx-auto max-w-xl space-y-6">
      <PageTitle title="Create an organization" />
      {organizations.length ? (
        <Link
          to="/dashboard"
          className={buttonClasses({ variant: 'ghost', size: 'sm', className: '-ml-3' })}
        >
          <IconArrowLeft className="size-4" />
          Back
        </Link>
      ) : null}
      <header className="space-y-1">
        <div className="mb-4 flex size-11 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-600/10">
          <IconBuilding className="size-5" />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-gray-950">
          Create an organization
        </h1>
        <p className="text-sm text-gray-500">
          A shared workspace for your team. You&apos;ll be its owner and can invite people next.
        </p>
      </header>
      <Card>
        <form id={form.formId} onSubmit={onSubmit} noValidate>
          <CardContent className="space-y-5">
            {failure ? <Alert variant="error">{failure}</Alert> : null}
            <FormField
              label="Organization name"
              placeholder="Acme Inc."
              autoComplete="organization"
              required
              autoFocus
              {...nameField}
              onChange={(event) => {
                nameField.onChange(event);
                if (!slugEdited.current) form.setValue('slug', slugify(event.target.value));
              }}
            />
            <FormField
              label="URL"
              required
              autoCapitalize="none"
              spellCheck={false}
              hint={
                <>
                  Your organization&apos;s pages live at{' '}
                  <span className="font-medium text-gray-700">
                    /orgs/{form.values.slug.trim() || 'your-slug'}
                  </span>
                  . Lowercase letters, digits and hyphens.
                </>
              }
              {...slugField}
              onChange={(event) => {
                slugEdited.current = event.target.value !== '';
                slugField.onChange(event);
              }}
            />
          </CardContent>
          <CardFooter>
            <Button type="submit" loading={form.pending} loadingText="Creating…">
              Create organization
            </Button>
          </CardFooter>
        </form>
      </Card>
    </div>
  );
}
