/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The page's language, from the first path segment (sv when there is none). */
    locale: import('./shared/i18n/locales.ts').Locale;
    /** Translator for `locale`. */
    t: import('i18next').TFunction;
    /** Correlates log lines of one request; also sent back as X-Request-Id. */
    requestId: string;
    /** The logged-in session, if any (validated on the server for this request). */
    session?: import('./features/access/session.service.ts').ValidSession;
    /** Who is logged in, for the header. */
    user?: { kind: 'person' | 'staff'; name: string };
  }
}
