import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from './support/test-app';

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; $ref?: string; items?: Schema; [key: string]: unknown };
interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ name: string; in: string; required?: boolean; schema: Schema }> }>>;
  components: { schemas: Record<string, Schema> };
}

const ROOT = join(__dirname, '..', '..', '..');

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as OpenApiDocument;
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema): Schema => (schema.$ref ? (doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema);

  it('documents every JSON request body with its fields (none is an empty object)', () => {
    const bodies = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => {
        const schema = op.requestBody?.content['application/json']?.schema;
        return schema ? [{ route: `${method.toUpperCase()} ${path}`, schema: resolve(schema) }] : [];
      }),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(16);
    expect(bodies.filter((b) => Object.keys(b.schema.properties ?? {}).length === 0).map((b) => b.route)).toEqual([]);
  });

  it('gives types, required fields and limits from the validation rules', () => {
    const login = doc.components.schemas['LoginRequest'];
    expect(login).toEqual({
      type: 'object',
      properties: { email: { type: 'string', format: 'email', maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      required: ['email', 'password'],
    });
    const draft = doc.components.schemas['UpdateApplicationRequest'];
    expect(draft?.required).toEqual(['version']);
    expect(draft?.properties?.['version']).toEqual({ type: 'integer', minimum: 1 });
    expect(draft?.properties?.['title']).toEqual({ type: 'string', minLength: 1, maxLength: 300 });
    expect(draft?.properties?.['summary']).toEqual({ type: 'string', maxLength: 10000 });
    expect(draft?.properties?.['budget']).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/BudgetYearInput' } });
    expect(draft?.properties?.['axisCode']).toEqual({ type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,15}$' });
    const message = doc.components.schemas['MessageInput'];
    expect(message?.properties?.['documentIds']).toEqual({ type: 'array', maxItems: 5, items: { type: 'string', format: 'uuid' } });
  });

  it('documents query parameters of the lists with their allowed values', () => {
    const params = doc.paths['/api/applications']?.['get']?.parameters ?? [];
    const sort = params.find((p) => p.name === 'sort');
    expect(sort).toMatchObject({ in: 'query', required: false, schema: { type: 'string', enum: ['reference', 'title', 'submittedAt', 'updatedAt', 'requestedCents', 'organization', 'status'] } });
    expect(params.find((p) => p.name === 'q')).toMatchObject({ in: 'query', required: false, schema: { type: 'string', maxLength: 200 } });
    const kinds = doc.paths['/api/admin/mails']?.['get']?.parameters?.find((p) => p.name === 'kind');
    expect(kinds?.schema.enum).toEqual(['email-verification', 'invitation', 'acknowledgement', 'information-request', 'message', 'password-reset', 'inadmissibility', 'review-assignment', 'decision', 'convention']);
  });

  it('requires a bearer token everywhere except on public routes, as the global guard does', () => {
    const full = doc as OpenApiDocument & { security?: unknown; paths: Record<string, Record<string, { security?: unknown }>> };
    expect(full.security).toEqual([{ bearer: [] }]);
    expect(full.paths['/api/auth/login']?.['post']?.security).toEqual([]);
    expect(full.paths['/api/health']?.['get']?.security).toEqual([]);
    expect(full.paths['/api/applications']?.['get']?.security).toBeUndefined();
    expect(full.paths['/api/auth/me']?.['get']?.security).toBeUndefined();
  });

  it('passes `redocly lint` with the committed redocly.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tremplin-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const run = promisify(execFile);
      const result = await run(process.execPath, [join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish', file], {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 120_000,
      }).then(
        ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
        (error: { stdout?: string; stderr?: string; code?: number }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
      );
      // Each problem is a `line:column  error|warning  rule  message` line; none is allowed.
      expect(result.output.split('\n').filter((line) => /^\s*\d+:\d+\s+(error|warning)\s/.test(line))).toEqual([]);
      expect(result).toMatchObject({ code: 0, output: expect.stringContaining('Your API description is valid') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
