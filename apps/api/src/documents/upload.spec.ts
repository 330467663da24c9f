import { htmlFormFileName } from './upload';

describe('htmlFormFileName', () => {
  it('reads back the three escapes browsers write in a form file name (HTML multipart/form-data encoding)', () => {
    expect(htmlFormFileName('bilan%0D%0A.pdf')).toBe('bilan\r\n.pdf');
    expect(htmlFormFileName('rapport %22final%22.pdf')).toBe('rapport "final".pdf');
    expect(htmlFormFileName('a%0ab%0dc.pdf')).toBe('a\nb\rc.pdf');
  });

  it('leaves every other name as it came, accents and other escapes included', () => {
    expect(htmlFormFileName('Statuts signés.pdf')).toBe('Statuts signés.pdf');
    expect(htmlFormFileName('100%25 bilan%20.pdf')).toBe('100%25 bilan%20.pdf');
    expect(htmlFormFileName('')).toBe('');
  });
});
