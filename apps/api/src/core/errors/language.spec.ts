import { languageOf } from './language';

describe('languageOf', () => {
  it('defaults to French', () => {
    expect(languageOf(undefined)).toBe('fr');
    expect(languageOf('')).toBe('fr');
    expect(languageOf('de-DE')).toBe('fr');
  });
  it('follows the first preference between French and English', () => {
    expect(languageOf('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(languageOf('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(languageOf('de;q=1,en;q=0.5,fr;q=0.4')).toBe('en');
    expect(languageOf('fr;q=0.2,en;q=0.9')).toBe('en');
  });
});
