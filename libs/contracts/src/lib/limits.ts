// Text lengths accepted by the API's DTOs and announced by the web's forms: one number for each.
// No class-validator here, so that the web can import this file alone (`@tremplin/contracts/limits`).

export const TEXT_LIMITS = {
  /** Summaries, project sections, messages, information requests. */
  longText: 10_000,
  /** Application titles, budget line labels, organisation names and addresses. */
  label: 300,
  /** People's names and functions (signatory, legal representative, contact). */
  personName: 200,
  /** An account's full name. */
  fullName: 120,
  /** RFC 5321's longest address. */
  email: 254,
  /** Longest password accepted (the minimum is the password policy's). */
  password: 200,
  /** Text searches and comma lists in list queries. */
  search: 200,
} as const;
