import { buttonClasses, IconArrowLeft } from '@kit/ui';
import { Link } from 'react-router';
import { LogoMark } from '../components/brand';
import { PageTitle } from '../components/page-title';
import { useSession } from '../lib/session';

export function Component() {
  const { user } = useSession();
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gray-50 px-4 py-16">
      <PageTitle title="Page not found" />
      <main className="w-full max-w-md text-center">
        <Link to="/" aria-label="Home" className="mx-auto mb-10 inline-block rounded-lg">
          <LogoMark className="size-10" />
        </Link>
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-gray-950 sm:text-4xl">
          Page not found
        </h1>
        <p className="mt-4 text-base text-gray-500">
          The page you&apos;re looking for doesn&apos;t exist or has moved. Check the address, or
          head back.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Link to={user ? '/dashboard' : '/sign-in'} className={buttonClasses({ size: 'lg' })}>
            <IconArrowLeft className="size-4" />
            {user ? 'Back to dashboard' : 'Go to sign in'}
          </Link>
        </div>
      </main>
    </div>
  );
}
