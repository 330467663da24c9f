import type { HOME_FR, CALLS_FR, CALL_DETAIL_FR } from './calls.i18n';

/** English texts of the public calls: home list and call detail: same keys as the French (checked by the type), loaded only when chosen. */

export const HOME_EN: typeof HOME_FR = {
  title: 'Calls for projects',
  intro:
    'The Département du Nord funds associations that help people receiving the RSA (minimum income) into work. Browse the calls for projects, their axes and their budgets.',
  empty: 'No call for projects at the moment.',
  signupIntro: 'Does your association want to answer a call for projects?',
};

export const CALLS_EN: typeof CALLS_FR = {
  code: 'Code',
  axis: 'Axis',
  opensAt: 'Opens',
  closesAt: 'Closes',
  years: 'Years covered',
  envelope: 'Total budget',
  seeDetail: 'See details',
  chartCaption: 'Budget per axis — {{code}}',
  status: {
    open: 'Open',
    upcoming: 'Upcoming',
    closed: 'Closed',
  },
  phase: {
    upcoming: 'Upcoming call',
    open: 'Open call — demo',
    under_review: 'Closed call — under review',
    decided: '{{year}} call — decided',
  },
  timeLeft: {
    days: 'Closes in {{count}} days',
    oneDay: 'Closes in 1 day and {{hours}} h',
    hours: 'Closes in {{count}} h {{minutes}} min',
    minutes: 'Closes in {{count}} min',
    closed: 'Closed',
  },
};

export const CALL_DETAIL_EN: typeof CALL_DETAIL_FR = {
  back: 'Back to calls for projects',
  edit: 'Edit call',
  apply: 'Apply',
  reviewersPerApplication: 'Reviewers per application',
  axesTitle: 'Axes',
  axesCaption: 'Axes of call {{code}} and their budget',
  axisCode: 'Code',
  allocationsTitle: 'Allocation per axis and per year',
  allocationsCaption: 'Amounts allocated per axis (rows) and per year (columns), in euros',
  axisTotal: 'Axis total',
  yearTotal: 'Year total',
  unbalanced: 'The allocations do not add up to the total budget.',
  gridTitle: 'Scoring grid',
  gridCaption: 'Scoring criteria, weights and maximum scores',
  criterion: 'Criterion',
  weight: 'Weight',
  maxScore: 'Maximum score',
  gridExplain: 'Each criterion is scored out of its maximum score; the weighted final mark is out of 100.',
  paymentTitle: 'Payment terms',
  payment: {
    advance: 'Advance of {{percent}}% when each year opens, balance once the annual report is approved.',
    noAdvance: "No advance: each year's amount is paid once the annual report is approved.",
    fullAdvance: 'Full payment when each year opens.',
  },
};
