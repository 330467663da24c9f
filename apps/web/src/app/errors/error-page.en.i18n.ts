import type { ERROR_PAGE_FR } from './error-page.i18n';

/** English texts of the error pages (forbidden, not found): same keys as the French (checked by the type), loaded only when chosen. */

export const ERROR_PAGE_EN: typeof ERROR_PAGE_FR = {
  home: 'Back to home',
  notFound: {
    title: 'Page not found',
    text: 'The address you asked for matches no Tremplin page.',
  },
  forbidden: {
    title: 'Access denied',
    text: 'Your account does not have access to this page.',
  },
};
