import fc from 'fast-check';
import {
  ibanCheckDigits,
  ibanMod97,
  isValidBic,
  isValidIban,
  isValidLuhn,
  isValidRna,
  isValidSiren,
  isValidSiret,
  maskIban,
  normalizeBic,
  normalizeIban,
  normalizeRna,
  normalizeSiren,
  normalizeSiret,
} from './identifiers';

/** Test helper: the digit that makes `body + key` pass Luhn. */
function luhnKey(body: string): string {
  const key = [...'0123456789'].find((candidate) =>
    isValidLuhn(body + candidate),
  );
  if (key === undefined) throw new Error('unreachable: one key always exists');
  return key;
}

/** Replaces the digit at `index` by a different digit. */
function flipDigit(text: string, index: number, shift: number): string {
  const digit = Number(text.charAt(index));
  const replaced = (digit + 1 + (shift % 9)) % 10; // shift in 0..8 -> never the same digit
  return text.slice(0, index) + String(replaced) + text.slice(index + 1);
}

const digitString = (length: number): fc.Arbitrary<string> =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), {
      minLength: length,
      maxLength: length,
    })
    .map((d) => d.join(''));

describe('isValidLuhn', () => {
  it.each(['0', '18', '79927398713', '443061841', '44306184100047'])(
    'accepts %p',
    (digits) => {
      expect(isValidLuhn(digits)).toBe(true);
    },
  );

  it.each(['', '1', '79927398710', '44306184100048', '12a4', ' 18', '-18'])(
    'rejects %p',
    (digits) => {
      expect(isValidLuhn(digits)).toBe(false);
    },
  );
});

describe('SIREN', () => {
  it.each([
    '443061841',
    '732829320',
    '552100554',
    '443 061 841',
    ' 443061841 ',
  ])('accepts %p', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it.each([
    '443061842',
    '44306184',
    '4430618410',
    '44306184A',
    '',
    '000000000a',
  ])('rejects %p', (siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });

  it('normalises spaces, including no-break spaces', () => {
    expect(normalizeSiren('443\u00a0061 841')).toBe('443061841');
  });

  it('property: a generated 8-digit body plus its Luhn key is a valid SIREN', () => {
    fc.assert(
      fc.property(digitString(8), (body) => {
        expect(isValidSiren(body + luhnKey(body))).toBe(true);
      }),
    );
  });

  it('property: flipping any single digit of a valid SIREN makes it invalid', () => {
    fc.assert(
      fc.property(
        digitString(8),
        fc.integer({ min: 0, max: 8 }),
        fc.nat(),
        (body, index, shift) => {
          const siren = body + luhnKey(body);
          expect(isValidSiren(flipDigit(siren, index, shift))).toBe(false);
        },
      ),
    );
  });
});

describe('SIRET', () => {
  it.each([
    '44306184100047',
    '55210055400013',
    '443 061 841 00047',
    '443061841\u00a000047',
  ])('accepts %p', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    '44306184100048',
    '4430618410004',
    '443061841000470',
    '4430618410004A',
    '',
  ])('rejects %p', (siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });

  it('normalizeSiret strips all whitespace', () => {
    expect(normalizeSiret(' 443 061 841\t00047 ')).toBe('44306184100047');
  });

  describe('La Poste exception', () => {
    it('accepts the head office (valid by Luhn)', () => {
      expect(isValidSiret('35600000000048')).toBe(true);
    });

    it('accepts an establishment whose digit sum is a multiple of 5 although Luhn fails', () => {
      expect(isValidLuhn('35600000049837')).toBe(false);
      expect(isValidSiret('35600000049837')).toBe(true);
    });

    it('rejects a La Poste SIRET failing both rules', () => {
      expect(isValidSiret('35600000012345')).toBe(false);
    });

    it('does not extend the exception to other SIRENs', () => {
      // Digit sum 1+2+3+4 = 10 (a multiple of 5) but Luhn-invalid and not La Poste.
      expect(isValidLuhn('12300000000004')).toBe(false);
      expect(isValidSiret('12300000000004')).toBe(false);
    });

    it('property: any La Poste SIRET with a digit sum divisible by 5 is valid', () => {
      fc.assert(
        fc.property(digitString(4), (middle) => {
          const head = `356000000${middle}`;
          const sum = [...head].reduce((acc, d) => acc + Number(d), 0);
          const last = (5 - (sum % 5)) % 5; // 0..4 brings the sum to a multiple of 5
          expect(isValidSiret(`${head}${last}`)).toBe(true);
        }),
      );
    });
  });

  it('property: a SIREN + NIC with a Luhn key over 14 digits is valid; flipping a digit is not (outside La Poste)', () => {
    fc.assert(
      fc.property(
        digitString(13),
        fc.integer({ min: 0, max: 13 }),
        fc.nat(),
        (body, index, shift) => {
          fc.pre(!body.startsWith('356000000'));
          const siret = body + luhnKey(body);
          expect(isValidSiret(siret)).toBe(true);
          const flipped = flipDigit(siret, index, shift);
          fc.pre(!flipped.startsWith('356000000')); // a flip could land in the La Poste range
          expect(isValidSiret(flipped)).toBe(false);
        },
      ),
    );
  });
});

describe('RNA', () => {
  it.each([
    'W751234567',
    'W2A1234567',
    'w2b1234567',
    ' W 751 234 567 ',
    'W123456789',
  ])('accepts %p', (rna) => {
    expect(isValidRna(rna)).toBe(true);
  });

  it.each([
    '751234567',
    'W75123456',
    'W7512345678',
    'WA51234567',
    'W75123456A',
    'X751234567',
    '',
  ])('rejects %p', (rna) => {
    expect(isValidRna(rna)).toBe(false);
  });

  it('normalizeRna uppercases and strips spaces', () => {
    expect(normalizeRna(' w2a 123 4567 ')).toBe('W2A1234567');
  });
});

const VALID_IBANS = [
  'FR7630006000011234567890189',
  'FR14 2004 1010 0505 0001 3M02 606',
  'DE89370400440532013000',
  'GB29NWBK60161331926819',
  'BE68539007547034',
  'NL91ABNA0417164300',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'LU280019400644750000',
  'CH9300762011623852957',
  'PT50000201231234567890154',
  'MC5811222000010123456789030',
];

/** Country codes with a fixed length in the implementation's table, and those lengths. */
const KNOWN_LENGTHS: Record<string, number> = {
  FR: 27,
  DE: 22,
  BE: 16,
  ES: 24,
  IT: 27,
  LU: 20,
  MC: 27,
  GB: 22,
  NL: 18,
  PT: 25,
  CH: 21,
};

const validIbanArbitrary: fc.Arbitrary<string> = fc
  .constantFrom(...Object.entries(KNOWN_LENGTHS))
  .chain(([country, length]) =>
    fc
      .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), {
        minLength: length - 4,
        maxLength: length - 4,
      })
      .map((chars) => {
        const bban = chars.join('');
        return `${country}${ibanCheckDigits(country, bban)}${bban}`;
      }),
  );

describe('IBAN', () => {
  it.each(VALID_IBANS)('accepts %p', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it('accepts lowercase and spaced input', () => {
    expect(isValidIban('fr76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(normalizeIban('fr76 3000\u00a06000')).toBe('FR7630006000');
  });

  it.each([
    ['wrong check digits', 'FR7730006000011234567890189'],
    ['wrong length for FR', 'FR763000600001123456789018'],
    ['too long for FR', 'FR76300060000112345678901890'],
    ['wrong length for DE', 'DE8937040044053201300'],
    ['non-alphanumeric', 'FR76-3000-6000-0112-3456-7890-189'],
    ['letters as check digits', 'FRAB30006000011234567890189'],
    ['digits as country', '1276300060000112345678901'],
    ['empty', ''],
    ['too short for an unknown country', 'XX82123456789'],
  ])('rejects %s', (_label, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('accepts unknown countries with a length between 15 and 34 and a valid checksum', () => {
    const bban = '1234567890123';
    expect(isValidIban(`XX${ibanCheckDigits('XX', bban)}${bban}`)).toBe(true);
    const tooLong = '1'.repeat(31);
    expect(isValidIban(`XX${ibanCheckDigits('XX', tooLong)}${tooLong}`)).toBe(
      false,
    );
  });

  it.each([
    ['97', '00'],
    ['98', '01'],
    ['02', '99'],
  ])(
    'rejects check digits aliasing %s (%s), which pass mod 97 but are never issued',
    (real, alias) => {
      // Deterministic search for a French BBAN whose real check digits are `real`.
      const bban = Array.from(
        { length: 10_000 },
        (_, n) => `3000600001${String(n).padStart(13, '0')}`,
      ).find((candidate) => ibanCheckDigits('FR', candidate) === real);
      expect(bban).toBeDefined();
      expect(isValidIban(`FR${real}${bban}`)).toBe(true);
      expect(ibanMod97(`FR${alias}${bban}`)).toBe(1);
      expect(isValidIban(`FR${alias}${bban}`)).toBe(false);
    },
  );

  it('ibanCheckDigits reproduces known check digits', () => {
    expect(ibanCheckDigits('FR', '30006000011234567890189')).toBe('76');
    expect(ibanCheckDigits('FR', '20041010050500013M02606')).toBe('14');
  });

  it('property: generated IBANs are valid', () => {
    fc.assert(
      fc.property(validIbanArbitrary, (iban) =>
        expect(isValidIban(iban)).toBe(true),
      ),
    );
  });

  it('property: changing any single digit of a valid IBAN makes it invalid', () => {
    fc.assert(
      fc.property(
        validIbanArbitrary,
        fc.nat(),
        fc.nat(),
        (iban, position, shift) => {
          const digitPositions = [...iban].flatMap((char, i) =>
            /[0-9]/.test(char) ? [i] : [],
          );
          const index = digitPositions[position % digitPositions.length] ?? 2; // 2: always a check digit
          expect(isValidIban(flipDigit(iban, index, shift))).toBe(false);
        },
      ),
    );
  });

  it('property: each real example mutated on any digit is invalid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_IBANS.map(normalizeIban)),
        fc.nat(),
        fc.nat(),
        (iban, position, shift) => {
          const digitPositions = [...iban].flatMap((char, i) =>
            /[0-9]/.test(char) ? [i] : [],
          );
          const index = digitPositions[position % digitPositions.length] ?? 2; // 2: always a check digit
          expect(isValidIban(flipDigit(iban, index, shift))).toBe(false);
        },
      ),
    );
  });
});

describe('maskIban', () => {
  it('keeps the country, check digits and last four characters, grouped by four', () => {
    expect(maskIban('FR7630006000011234567890189')).toBe(
      'FR76 **** **** **** **** ***0 189',
    );
    expect(maskIban('fr14 2004 1010 0505 0001 3M02 606')).toBe(
      'FR14 **** **** **** **** ***2 606',
    );
    expect(maskIban('BE68539007547034')).toBe('BE68 **** **** 7034');
  });

  it('never reveals more than half of a short value', () => {
    expect(maskIban('')).toBe('');
    expect(maskIban('1234')).toBe('**34');
    expect(maskIban('12345678')).toBe('**** 5678');
  });

  it('property: output hides every middle character of a valid IBAN', () => {
    fc.assert(
      fc.property(validIbanArbitrary, (iban) => {
        const masked = maskIban(iban).replace(/ /g, '');
        expect(masked).toHaveLength(iban.length);
        expect(masked.slice(0, 4)).toBe(iban.slice(0, 4));
        expect(masked.slice(-4)).toBe(iban.slice(-4));
        expect(masked.slice(4, -4)).toMatch(/^\*+$/);
        expect(maskIban(iban)).toMatch(/^(\S{4} )*\S{1,4}$/);
      }),
    );
  });
});

describe('BIC', () => {
  it.each([
    'BNPAFRPP',
    'BNPAFRPPXXX',
    'agrifrpp882',
    'CEPA FR PP 751',
    'DEUTDEFF500',
  ])('accepts %p', (bic) => {
    expect(isValidBic(bic)).toBe(true);
  });

  it.each([
    'BNPAFRP',
    'BNPAFRPPXX',
    'BNPAFRPPXXXX',
    'BNP1FRPP',
    'BNPAF1PP',
    'BNPAFRP_',
    '',
  ])('rejects %p', (bic) => {
    expect(isValidBic(bic)).toBe(false);
  });

  it('normalizeBic uppercases and strips spaces', () => {
    expect(normalizeBic(' bnpa fr pp ')).toBe('BNPAFRPP');
  });
});
