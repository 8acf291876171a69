import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WebhookError } from './errors';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Public unicast only: refuses private (10/8, 172.16/12, 192.168/16), loopback, link-local
 * (169.254/16, cloud metadata included), CGNAT (100.64/10), unique-local (fc00::/7), multicast,
 * reserved, unspecified and IPv4-mapped IPv6 addresses: ipaddr.js names each range, and
 * request-filtering-agent applies the same rule when the worker connects.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.parse(address).range() === 'unicast';
}

const invalid = (message: string): never => {
  throw new WebhookError('INVALID_WEBHOOK_URL', message);
};

/** Checks an endpoint URL's form: https (http only when private URLs are allowed), no credentials. */
export function parseWebhookUrl(raw: string, allowPrivateUrls: boolean): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    invalid(`The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid('Enter a full URL, starting with https://.');
  }
  if (url.protocol !== 'https:' && !(allowPrivateUrls && url.protocol === 'http:'))
    invalid('Webhook URLs must use https://.');
  if (url.username || url.password) invalid('Webhook URLs cannot contain a user name or password.');
  if (!url.hostname) invalid('Enter a full URL, starting with https://.');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

function resolveAll(host: string, lookup: LookupFunction): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error, addresses) => {
      if (error) reject(error);
      else
        resolve(
          (Array.isArray(addresses) ? addresses : [{ address: addresses }]).map((a) =>
            typeof a === 'string' ? a : a.address,
          ),
        );
    });
  });
}

/**
 * Refuses a URL whose host is, or resolves to, anything but public addresses (every address
 * the name resolves to is checked). Checked when an endpoint is saved; the worker checks again
 * on each connection, on the address it actually connects to.
 */
export async function assertPublicDestination(
  url: URL,
  options: { allowPrivateUrls: boolean; lookup?: LookupFunction },
): Promise<void> {
  if (options.allowPrivateUrls) return;
  const host = hostOf(url);
  if (isIP(host)) {
    if (!isPublicAddress(host))
      invalid(`${host} is not a public address: webhooks are only sent to public addresses.`);
    return;
  }
  let addresses: string[];
  try {
    addresses = await resolveAll(host, options.lookup ?? (dnsLookup as LookupFunction));
  } catch {
    return invalid(`The host ${host} could not be resolved.`);
  }
  if (addresses.length === 0) invalid(`The host ${host} could not be resolved.`);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused)
    invalid(
      `${host} resolves to ${refused}, which is not a public address: webhooks are only sent to public addresses.`,
    );
}
