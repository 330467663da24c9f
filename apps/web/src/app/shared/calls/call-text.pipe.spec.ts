import { callText } from './call-text.pipe';

describe('callText', () => {
  const call = { title: 'Appel à projets insertion', description: 'Texte français.', titleEn: 'Insertion call for projects', descriptionEn: '' };

  it('gives the English text in English, the French one in French', () => {
    expect(callText(call, 'title', 'en')).toBe('Insertion call for projects');
    expect(callText(call, 'title', 'fr')).toBe('Appel à projets insertion');
  });

  it('falls back to the French text when there is no English one', () => {
    expect(callText(call, 'description', 'en')).toBe('Texte français.');
    expect(callText({ ...call, titleEn: '  ' }, 'title', 'en')).toBe('Appel à projets insertion');
  });
});
