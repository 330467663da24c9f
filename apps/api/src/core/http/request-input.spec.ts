import { jsonDepthExceeds, parseJsonBody, unstorableTextFields } from './request-input';

describe('unstorableTextFields', () => {
  it('names every string holding U+0000 or a lone surrogate, and accepts proper pairs', () => {
    const input = { title: 'ok 😀', summary: 'a\u0000b', project: { partners: [{ name: 'x', role: '\ud83d' }], indicators: [{ label: '\ude00x' }] }, version: 3 };
    expect(unstorableTextFields(input).map((i) => i.field)).toEqual(['summary', 'project.partners[0].role', 'project.indicators[0].label']);
    expect(unstorableTextFields({ text: '𝕿𝖗𝖊𝖒𝖕𝖑𝖎𝖓 \u202e\ufeff' })).toEqual([]);
  });

  it('names the object holding a bad key, and the body for a bare string', () => {
    expect(unstorableTextFields({ organization: { 'a\u0000': 1 } })).toEqual([{ field: 'organization', code: 'TEXT_INVALID_CHARACTER', message: 'TEXT_INVALID_CHARACTER' }]);
    expect(unstorableTextFields('\ud800').map((i) => i.field)).toEqual(['body']);
    expect(unstorableTextFields(undefined)).toEqual([]);
  });
});

describe('jsonDepthExceeds', () => {
  const deep = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
  it('counts arrays and objects, up to the limit included', () => {
    expect(jsonDepthExceeds(deep(32), 32)).toBe(false);
    expect(jsonDepthExceeds(deep(33), 32)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":{"b":[{"c":1}]}}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":{"b":[{"c":1}]}}'), 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify({ a: '[[[[[[', b: '\\"{{{{{{"' })), 1)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('[["\\\\"]]'), 1)).toBe(true);
  });
});

describe('parseJsonBody', () => {
  const failure = (text: string) => {
    try {
      parseJsonBody(Buffer.from(text));
    } catch (error) {
      return { statusCode: (error as { statusCode?: number }).statusCode, type: (error as { type?: string }).type };
    }
    return null;
  };

  it('reads objects and arrays, and an empty body as {}', () => {
    expect(parseJsonBody(Buffer.from(' {"title":"Jardin","years":[2016,2017]} '))).toEqual({ title: 'Jardin', years: [2016, 2017] });
    expect(parseJsonBody(Buffer.from('[1,2]'))).toEqual([1, 2]);
    expect(parseJsonBody(Buffer.from(''))).toEqual({});
    expect(parseJsonBody(Buffer.from('  \n'))).toEqual({});
  });

  it('refuses with 400 a bare value (strict mode), malformed JSON, and too deep a body', () => {
    expect(failure('"text"')).toEqual({ statusCode: 400, type: 'entity.parse.failed' });
    expect(failure('42')).toEqual({ statusCode: 400, type: 'entity.parse.failed' });
    expect(failure('null')).toEqual({ statusCode: 400, type: 'entity.parse.failed' });
    expect(failure('{"title":')).toEqual({ statusCode: 400, type: 'entity.parse.failed' });
    expect(failure('['.repeat(33) + ']'.repeat(33))).toEqual({ statusCode: 400, type: 'entity.too.deep' });
    expect(failure('['.repeat(32) + ']'.repeat(32))).toBeNull();
  });
});
