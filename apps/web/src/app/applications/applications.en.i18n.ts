import type { APPLICATIONS_FR, NEW_APPLICATION_FR, APPLICATION_PAGE_FR, WIZARD_FR, AUTOSAVE_FR, BUDGET_COMPLETENESS_FR, WIZARD_STEPS_FR } from './applications.i18n';

/** English texts of the association side of applications: list, page, wizard: same keys as the French (checked by the type), loaded only when chosen. */

export const APPLICATIONS_EN: typeof APPLICATIONS_FR = {
  mineTitle: 'My applications',
  mineIntro: "Your organisation's applications. A draft saves itself while you type.",
  listTitle: "The organisation's applications",
  titleColumn: 'Title',
  status: 'State',
  reference: 'Reference',
  call: 'Call for projects',
  axis: 'Axis',
  callAndAxis: 'Call and axis',
  organization: 'Organisation',
  requested: 'Amount requested',
  updatedAt: 'Last change',
  submittedAt: 'Submitted on',
  none: 'No applications yet.',
};

export const NEW_APPLICATION_EN: typeof NEW_APPLICATION_FR = {
  heading: 'New application',
  callId: 'Open call for projects',
  axisCode: 'Axis',
  title: 'Project title',
  titleHint: 'You can change it until the application is submitted.',
  create: 'Create the application',
  noOpenCall: 'No call for projects is open at the moment.',
};

export const APPLICATION_PAGE_EN: typeof APPLICATION_PAGE_FR = {
  back: 'Back to my applications',
  submittedTitle: 'Application submitted.',
  resubmittedTitle: 'Application sent again.',
  submittedText: 'Its reference is {{reference}}. An acknowledgement of receipt was sent to you by email.',
  receipt: 'Download the acknowledgement of receipt (PDF)',
  requestTitle: 'The Département asks you for more information',
  requestDue: 'To send back before {{date}}',
  requestHelp: 'change what is asked, then "Send my application again" at the last step.',
  withdrawTitle: 'Withdraw the application',
  withdrawHelp: 'You can withdraw your application until a decision is published. Withdrawal is final.',
  withdraw: 'Withdraw my application',
  withdrawn: 'Application withdrawn.',
  withdrawDialog: {
    title: 'Withdraw this application?',
    message: '"{{title}}" will be withdrawn for good and will not be reviewed.',
  },
};

export const WIZARD_EN: typeof WIZARD_FR = {
  stepsLabel: 'Steps of the application',
  steps: {
    general: 'Axis and summary',
    project: 'The project',
    budget: 'Budget',
    documents: 'Documents',
    declaration: 'Declaration and submission',
  },
  stepHasErrors: 'To correct',
  previous: 'Previous step',
  next: 'Next step: {{step}}',
  general: {
    intro: "Choose the call's axis your project answers, then present it in a few lines.",
    axisLocked: 'The axis cannot change once the application is submitted.',
    summaryHint: 'A few sentences: the need, the action, the public, the expected result.',
  },
  project: {
    objectivesHint: 'What the project wants to change for people receiving the RSA.',
    activitiesHint: 'The actions, their pace, who leads them.',
    beneficiariesLegend: 'RSA beneficiaries supported, per year',
    beneficiariesHint: 'Numbers only, never names. One value for each year of the call.',
    beneficiariesYear: 'Beneficiaries in {{year}}',
    territoriesHint: 'One or more territories of the Nord.',
    startDateHint: 'The project lasts {{years}} years, like the call.',
    addPartner: 'Add a partner',
    removePartner: 'Remove partner {{n}}',
    noPartner: 'No partner yet.',
    indicatorsHint: 'At least one indicator, with a target for each year (e.g. "People starting training", unit "people").',
    unitHint: 'E.g. people, workshops, %',
    targetsOf: 'Targets of indicator {{n}}, per year',
    targetYear: 'Target {{year}}',
    addIndicator: 'Add an indicator',
    removeIndicator: 'Remove indicator {{n}}',
    noIndicator: 'No indicator yet.',
  },
  submit: {
    title: 'Submit the application',
    resubmitTitle: 'Send the application again',
    stepN: 'Step {{n}} ({{step}})',
    complete: 'The application is complete: you can submit it.',
    verifyFirst: 'Confirm your email address first (link received by email): otherwise submission will be refused.',
    closed: 'Submission is not possible: the call for projects is closed.',
    deadline: 'Submission deadline: {{date}} (Paris time).',
    summaryTitle: 'The application cannot be submitted yet',
    submit: 'Submit my application',
    resubmit: 'Send my application again',
    submitting: 'Submitting…',
    notSaved: 'Your latest changes could not be saved: correct the fields shown or try again, then submit.',
  },
};

export const AUTOSAVE_EN: typeof AUTOSAVE_FR = {
  idle: 'Changes are saved automatically.',
  pending: 'Changes waiting to be saved…',
  saving: 'Saving…',
  saved: 'Saved at {{time}}',
  savedExcept: 'Saved at {{time}}, except: {{steps}} (fields to correct). What you typed is kept on this device meanwhile.',
  reloaded: 'Stored version reloaded at {{time}}.',
  failed: 'Saving failed: {{message}} What you typed is kept on this device.',
  retry: 'Try again',
  localCopy: 'An unsaved copy of what you typed (from {{date}}) is kept on this device.',
  restore: 'Restore my copy',
  discard: 'Ignore the copy',
  conflict: {
    title: 'This application was changed elsewhere',
    text: 'Another version was saved in the meantime (in another tab, or by another member of your organisation). What do you want to do?',
    keepHelp: 'Keep my copy: what you typed replaces the stored version.',
    reloadHelp: 'Reload: the stored version replaces what you typed and did not save.',
    keep: 'Keep my copy',
    reload: 'Reload the stored version',
  },
};

export const BUDGET_COMPLETENESS_EN: typeof BUDGET_COMPLETENESS_FR = {
  empty: 'Budget {{year}} is empty',
  emptyDetail: 'enter the charges, the products and the amount requested from the Département.',
  noRequest: 'No amount requested from the Département for {{year}}.',
};

export const WIZARD_STEPS_EN: typeof WIZARD_STEPS_FR = {
  done: 'Step complete',
};
