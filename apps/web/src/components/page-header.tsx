import type { ReactNode } from 'react';
import { PageTitle } from './page-title';

/** A page's heading, its one-line description and its main actions; also sets the tab title. */
export function PageHeader({
  title,
  description,
  actions,
  documentTitle,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** The browser tab's title when it should differ from the heading. */
  documentTitle?: string;
}) {
  return (
    <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <PageTitle title={documentTitle ?? title} />
      <div className="min-w-0 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-950">{title}</h1>
        {description ? <p className="text-sm text-gray-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}
