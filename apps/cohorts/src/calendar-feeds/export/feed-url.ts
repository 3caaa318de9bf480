import type { IncomingHttpHeaders } from 'node:http';

/**
 * Where a calendar feed's URL points: the gateway's public URL, which the gateway sends with
 * every subgraph call in this header (its `PUBLIC_URL`, by default its own
 * `http://127.0.0.1:<PORT>`). The gateway sets it itself and never forwards a client's. Called
 * without it (directly, as tests do), the gateway's default address is used.
 */
export const PUBLIC_URL_HEADER = 'x-mentorflow-public-url';
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000';

function httpUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/** The public base URL the gateway told this request (http or https, no credentials), else the default. */
export function publicBaseUrl(headers: IncomingHttpHeaders | undefined): string {
  const header = headers?.[PUBLIC_URL_HEADER];
  const url = httpUrl(Array.isArray(header) ? header[0] : header) ?? new URL(DEFAULT_PUBLIC_URL);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A feed's URL on the gateway: `<base>/calendar/<token>.ics`. */
export function feedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
}
