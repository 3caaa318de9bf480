import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PUBLIC_URL, feedUrl, PUBLIC_URL_HEADER, publicBaseUrl } from './feed-url.js';

describe('calendar feed URLs', () => {
  it('use the public URL the gateway sends, a path prefix kept, no trailing slash', () => {
    expect(publicBaseUrl({ [PUBLIC_URL_HEADER]: 'https://mentorflow.example.com' })).toBe(
      'https://mentorflow.example.com',
    );
    expect(publicBaseUrl({ [PUBLIC_URL_HEADER]: 'https://example.com/mentorflow/' })).toBe(
      'https://example.com/mentorflow',
    );
    expect(publicBaseUrl({ [PUBLIC_URL_HEADER]: ['http://127.0.0.1:4100', 'http://evil'] })).toBe(
      'http://127.0.0.1:4100',
    );
  });

  it("fall back to the gateway's default address without a usable header", () => {
    for (const value of [undefined, '', 'not a url', 'javascript:alert(1)', 'ftp://x', 'https://user:pw@example.com']) {
      expect(publicBaseUrl({ [PUBLIC_URL_HEADER]: value })).toBe(DEFAULT_PUBLIC_URL);
    }
    expect(publicBaseUrl(undefined)).toBe(DEFAULT_PUBLIC_URL);
  });

  it('end in /calendar/<token>.ics', () => {
    expect(feedUrl('https://example.com/', 'abc')).toBe('https://example.com/calendar/abc.ics');
  });
});
