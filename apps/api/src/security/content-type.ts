import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import { bodyRuleFor, type SecurityConfig } from './config';

export const UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request with a body must declare a media type its route accepts (JSON
 * everywhere; the bulk import also takes text/csv), else 415. This closes the "simple request"
 * forms a page on another origin can send without a CORS preflight (text/plain, form-encoded,
 * multipart). A request without a body (leave, activate, resend, accept…) needs no content type.
 */
export function contentTypeCheck(config: SecurityConfig) {
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const headers = c.req.raw.headers;
    const declared = headers.get('content-type');
    const length = headers.get('content-length');
    const hasBody = headers.has('transfer-encoding') || (length !== null && length.trim() !== '0');
    if (declared === null ? !hasBody : length?.trim() === '0') return next();

    const mediaType = (declared ?? '').split(';')[0]!.trim().toLowerCase();
    const { contentTypes } = bodyRuleFor(config, c.req.method, c.req.path);
    if (!contentTypes.includes(mediaType)) {
      throw new AppError(
        415,
        UNSUPPORTED_MEDIA_TYPE,
        declared === null
          ? `The request body needs a Content-Type: ${contentTypes.join(' or ')}.`
          : `This route does not accept ${mediaType || 'that content type'}; send ${contentTypes.join(' or ')}.`,
        { details: { accepted: contentTypes } },
      );
    }
    await next();
  });
}
