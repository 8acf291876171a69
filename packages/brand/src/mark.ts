import type { Brand } from './brand';

/** The mark's strokes on a 32×32 rounded square (an "A"-like chevron with its bar). */
export const MARK_PATHS = {
  chevron: 'M10 21.5 16 9l6 12.5',
  bar: 'M12.5 17h7',
} as const;

/** The mark as a standalone SVG document in the brand's colours: the favicon. */
export function markSvg(brand: Pick<Brand, 'colors'>): string {
  const { primary, onPrimary } = brand.colors;
  const stroke = `stroke="${onPrimary}" stroke-width="3" stroke-linecap="round"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect width="32" height="32" rx="8" fill="${primary}"/>` +
    `<path d="${MARK_PATHS.chevron}" fill="none" ${stroke} stroke-linejoin="round"/>` +
    `<path d="${MARK_PATHS.bar}" ${stroke}/>` +
    `</svg>`
  );
}

/** `markSvg` as a data: URL for `<link rel="icon">`. */
export function markDataUrl(brand: Pick<Brand, 'colors'>): string {
  return `data:image/svg+xml,${encodeURIComponent(markSvg(brand))}`;
}
