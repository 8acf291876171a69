import { describe, expect, it } from 'vitest';
import { brand } from './brand';
import { markDataUrl, markSvg } from './mark';

describe('the mark', () => {
  it('is drawn in the colours it is given', () => {
    const svg = markSvg({ colors: { primary: '#123456', onPrimary: '#fedcba' } });
    expect(svg).toContain('<rect width="32" height="32" rx="8" fill="#123456"/>');
    expect(svg.match(/stroke="#fedcba"/g)).toHaveLength(2);
  });

  it('makes a data URL a browser can use as a favicon', () => {
    const url = markDataUrl(brand);
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(url.slice('data:image/svg+xml,'.length))).toBe(markSvg(brand));
  });
});
