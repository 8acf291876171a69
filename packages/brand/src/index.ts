export { brand, type Brand } from './brand';
export { MARK_PATHS, markDataUrl, markSvg } from './mark';
