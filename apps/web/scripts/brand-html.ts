import { brand, markDataUrl } from '@kit/brand';
import type { Plugin } from 'vite';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Puts @kit/brand into index.html: the title, the description, the favicon (the mark in the
 * primary colour) and the colour variables the Tailwind theme derives its brand scale from.
 */
export function brandHtml(): Plugin {
  return {
    name: 'kit:brand-html',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'title', children: escape(brand.name), injectTo: 'head' },
        {
          tag: 'meta',
          attrs: { name: 'description', content: brand.tagline },
          injectTo: 'head',
        },
        {
          tag: 'link',
          attrs: { rel: 'icon', type: 'image/svg+xml', href: markDataUrl(brand) },
          injectTo: 'head',
        },
        {
          tag: 'style',
          children: `:root{--brand-primary:${brand.colors.primary};--brand-on-primary:${brand.colors.onPrimary}}`,
          injectTo: 'head',
        },
      ],
    },
  };
}
