import { attachmentDisposition, detectAcceptedType, safeFileName, type DetectedType } from './document-files';

const PDF: DetectedType = { ext: 'pdf', mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] };
const JPEG: DetectedType = { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] };

const name = (original: string, type = PDF) => {
  const result = safeFileName(original, type);
  return result.ok ? result.fileName : `MISMATCH:${result.extension}`;
};

describe('detectAcceptedType', () => {
  it('reads the type from the content, not the name', async () => {
    expect((await detectAcceptedType(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1')))?.mime).toBe('application/pdf');
    expect((await detectAcceptedType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])))?.ext).toBe('jpg');
  });

  it('refuses executables, plain text, empty files and accepted-looking but other formats', async () => {
    expect(await detectAcceptedType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toBeNull();
    expect(await detectAcceptedType(Buffer.from('Statuts de l’association\n'))).toBeNull();
    expect(await detectAcceptedType(Buffer.alloc(0))).toBeNull();
    expect(await detectAcceptedType(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toBeNull();
  });
});

describe('safeFileName', () => {
  it('keeps accents and ordinary punctuation', () => {
    expect(name("Rapport d'activité 2015 (définitif).pdf")).toBe("Rapport d'activité 2015 (définitif).pdf");
  });

  it('strips any path, both separators', () => {
    expect(name('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(name('C:\\Users\\léa\\Bureau\\statuts.pdf')).toBe('statuts.pdf');
  });

  it('removes control and bidirectional characters, replaces reserved ones', () => {
    expect(name('bilan\u0000\u0007\r\n.pdf')).toBe('bilan.pdf');
    // "annexe‮fdp.exe" displays as "annexeexe.pdf": the override is removed, the real extension shows.
    expect(name('annexe\u202efdp.exe')).toBe('MISMATCH:exe');
    expect(name('a<b>c:d"e|f?g*h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
  });

  it('refuses an extension that disagrees with the content and normalises one that agrees', () => {
    expect(name('statuts.pdf', JPEG)).toBe('MISMATCH:pdf');
    expect(name('photo.JPEG', JPEG)).toBe('photo.jpeg');
    expect(name('STATUTS.PDF')).toBe('STATUTS.pdf');
  });

  it('adds the extension when the name has none', () => {
    expect(name('statuts')).toBe('statuts.pdf');
    expect(name('Budget v1.2')).toBe('Budget v1.2.pdf');
  });

  it('falls back to document.<ext> and avoids hidden and device names', () => {
    expect(name('')).toBe('document.pdf');
    expect(name('.pdf')).toBe('document.pdf');
    expect(name('../')).toBe('document.pdf');
    expect(name('...hidden.pdf')).toBe('hidden.pdf');
    expect(name('CON.pdf')).toBe('_CON.pdf');
  });

  it('caps the length without splitting a character', () => {
    const result = name(`${'é'.repeat(100)}${'😀'.repeat(100)}.pdf`);
    expect(Array.from(result)).toHaveLength(150);
    expect(result.endsWith('😀.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition("Rapport d'activité \"2015\".pdf")).toBe(
      `attachment; filename="Rapport d'activite _2015_.pdf"; filename*=UTF-8''Rapport%20d%27activit%C3%A9%20%222015%22.pdf`,
    );
  });
});
