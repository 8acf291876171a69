import { brand, markDataUrl } from '@kit/brand';
import type { Plugin } from 'vite';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Puts @kit/brand into index.html: the title, the description and the favicon (the mark in the
 * primary colour). The colour variables are set by src/main.tsx: the page's Content-Security-
 * Policy allows no inline <style>.
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
      ],
    },
  };
}
