/** Every public route of the portal, for sweeps (accessibility, status codes) over every language. */
export { PUBLIC_PAGES as PUBLIC_ROUTES } from '../../src/shared/server/http.ts';
