import { containsPattern, escapeLike } from './like';

describe('escapeLike', () => {
  it('escapes %, _ and the backslash, nothing else', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('C:\\dossier')).toBe('C:\\\\dossier');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
    expect(escapeLike("l'école « Jardin »")).toBe("l'école « Jardin »");
  });

  it('wraps the escaped text in % for a contains match', () => {
    expect(containsPattern('50%_x')).toBe('%50\\%\\_x%');
    expect(containsPattern('')).toBe('%%');
  });
});
