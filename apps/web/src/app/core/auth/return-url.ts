/** Only same-site paths are followed after login or sign-up (no open redirect). */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/connexion')) return '/';
  return value;
}
