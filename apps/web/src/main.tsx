import { brand } from '@kit/brand';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// From react-router/dom: navigations that ask for flushSync render synchronously.
import { RouterProvider } from 'react-router/dom';
import { router } from './router';
import './styles.css';

// The colours the Tailwind theme derives its brand scale from. Set through the CSSOM, which the
// page's Content-Security-Policy allows (an inline <style> in index.html it would refuse).
const rootStyle = document.documentElement.style;
rootStyle.setProperty('--brand-primary', brand.colors.primary);
rootStyle.setProperty('--brand-on-primary', brand.colors.onPrimary);

const container = document.getElementById('root');
if (!container) throw new Error('The #root element is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
