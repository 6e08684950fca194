// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

// The seven languages of the portal. `lattlast` is easy-to-read Swedish (lättläst); it is a URL
// segment, not a BCP 47 tag — src/shared/i18n/locales.ts maps it to `sv` wherever a tag is needed.
const locales = ['sv', 'lattlast', 'en', 'ar', 'fa', 'so', 'fi'];

export default defineConfig({
  output: 'server',
  // Middleware mode: scripts/start.ts owns the HTTP server (static files from memory, timeouts, shutdown).
  // Streaming off: a page is rendered whole before it is sent, so an error while rendering gives the
  // localized 500 page with status 500 instead of a cut-off page with status 200.
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  integrations: [svelte()],
  i18n: {
    locales,
    defaultLocale: 'sv',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  // Origin is checked on every non-GET request (CSRF); a forged Origin gets 403. The middleware does it
  // (isForbiddenCrossSite in src/shared/server/http.ts, Astro's own rule) instead of Astro, because the
  // OAuth token endpoint must take posts from other systems, which send no Origin and no cookies.
  // Astro writes a CSP <meta> per page with hashes of its own scripts and styles; no third party at all.
  // The middleware adds frame-ancestors and friends as a header (a <meta> cannot carry them).
  security: {
    checkOrigin: false,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  // No telemetry, no prefetch of third-party resources, no dev toolbar in tests.
  devToolbar: { enabled: false },
  // Shiki's inline styles break the CSP; the portal shows no code anyway.
  markdown: { syntaxHighlight: false },
  build: { inlineStylesheets: 'never' },
});
