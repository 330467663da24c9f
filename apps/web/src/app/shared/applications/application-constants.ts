import { REQUIRED_DOCUMENT_KINDS, type DocumentKind } from '@tremplin/contracts/kinds';
import { CHARGE_ACCOUNTS, PRODUCT_ACCOUNTS, type ChargeAccount, type ProductAccount } from '@tremplin/domain';

export { REQUIRED_DOCUMENT_KINDS };

/** Rows of the documents step: the required kinds, then « autre ». */
export const FORM_DOCUMENT_KINDS: readonly DocumentKind[] = [...REQUIRED_DOCUMENT_KINDS, 'other'];

/** Account number of each budget line, as printed on the CERFA. */
export const ACCOUNT_NUMBERS: Record<ChargeAccount | ProductAccount, string> = {
  c60: '60',
  c61: '61',
  c62: '62',
  c63: '63',
  c64: '64',
  c65: '65',
  c66: '66',
  c67: '67',
  c68: '68',
  c86: '86',
  p70: '70',
  p74State: '74',
  p74Region: '74',
  p74Departement: '74',
  p74Municipality: '74',
  p74Europe: '74',
  p74Other: '74',
  p75: '75',
  p76: '76',
  p77: '77',
  p78: '78',
  p87: '87',
};

export { CHARGE_ACCOUNTS, PRODUCT_ACCOUNTS };

/** Charges and products shown under their own heading (volunteer contributions 86/87 come last on the CERFA). */
export const SUBSIDY_ACCOUNTS: readonly ProductAccount[] = ['p74State', 'p74Region', 'p74Departement', 'p74Municipality', 'p74Europe', 'p74Other'];
