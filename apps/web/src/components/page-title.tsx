import { useConfig } from '../lib/config';

/** Sets the document title ("Sign in · Product"); React hoists <title> into <head>. */
export function PageTitle({ title }: { title?: string }) {
  const { productName } = useConfig();
  return <title>{title ? `${title} · ${productName}` : productName}</title>;
}
