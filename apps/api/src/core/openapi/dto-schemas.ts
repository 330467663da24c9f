import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer does not export its storage from the package root; @Type() records nested DTOs there.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/**
 * The request DTOs live in libs/contracts, which must not import @nestjs (the web shares them), and the
 * Nest Swagger CLI plugin would only see them in the webpack build, not in the tests (ts-jest). So the
 * OpenAPI schema of each DTO is derived here, at start-up, from the class-validator rules that actually
 * validate it: types, required fields, lengths, bounds, patterns, enums, arrays and nested DTOs.
 * What the validation says and what the document says therefore cannot drift apart.
 */
type Schema = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class constructors as class-validator keys them
type DtoClass = Function;

const documented = new WeakSet<DtoClass>();

export function isDtoClass(value: unknown): value is DtoClass {
  return typeof value === 'function' && getMetadataStorage().getTargetValidationMetadatas(value, '', true, false).length > 0;
}

/** Adds `@ApiProperty` metadata to every validated property of `target` and of the DTOs it nests. */
export function documentDto(target: DtoClass): void {
  if (documented.has(target)) return;
  documented.add(target);
  const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  for (const [property, propertyRules] of byProperty) {
    const options = propertyOptions(target, property, propertyRules);
    ApiProperty(options)(target.prototype as object, property);
  }
}

function propertyOptions(target: DtoClass, property: string, rules: ValidationMetadata[]): ApiPropertyOptions {
  const own: Schema = {};
  const item: Schema = {};
  let isArray = false;
  let required = true;
  let nested: DtoClass | undefined;
  for (const rule of rules) {
    // @IsOptional and @IsOmittable (a ValidateIf): validated only when given, so never required.
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) required = false;
    if (rule.type === ValidationTypes.NESTED_VALIDATION) {
      nested = nestedType(target, property);
      if (rule.each) isArray = true;
    }
    if (rule.type !== ValidationTypes.CUSTOM_VALIDATION || !rule.name) continue;
    if (rule.name === 'isArray') {
      isArray = true;
      continue;
    }
    apply(rule.each ? item : own, rule.name, rule.constraints as unknown[]);
  }
  const arrayKeys = ['minItems', 'maxItems'];
  if (isArray) {
    const items: Schema = { ...item };
    for (const [key, value] of Object.entries(own)) if (!arrayKeys.includes(key)) items[key] = value;
    if (nested) documentDto(nested);
    const options: Schema = { required, isArray: true, type: nested ?? items['type'] ?? 'string' };
    for (const key of arrayKeys) if (own[key] !== undefined) options[key] = own[key];
    for (const [key, value] of Object.entries(items)) if (key !== 'type') options[key] = value;
    return options as ApiPropertyOptions;
  }
  if (nested) {
    documentDto(nested);
    return { required, type: nested } as ApiPropertyOptions;
  }
  return { required, type: 'string', ...own } as ApiPropertyOptions;
}

function nestedType(target: DtoClass, property: string): DtoClass | undefined {
  const meta = defaultMetadataStorage.findTypeMetadata(target, property) as ReturnType<MetadataStorage['findTypeMetadata']> | undefined;
  const type = meta?.typeFunction() as DtoClass | undefined;
  return type && isDtoClass(type) ? type : undefined;
}

/** One class-validator rule as JSON Schema keywords. */
function apply(schema: Schema, name: string, constraints: unknown[] = []): void {
  const [first] = constraints;
  switch (name) {
    case 'isString': schema['type'] ??= 'string'; break;
    case 'isEmail': Object.assign(schema, { type: 'string', format: 'email' }); break;
    case 'isUuid': Object.assign(schema, { type: 'string', format: 'uuid' }); break;
    case 'isIso8601': Object.assign(schema, { type: 'string', description: 'ISO 8601 date or date-time' }); break;
    case 'isInt': schema['type'] = 'integer'; break;
    case 'isBoolean': schema['type'] = 'boolean'; break;
    case 'min': schema['minimum'] = first; break;
    case 'max': schema['maximum'] = first; break;
    case 'minLength': schema['minLength'] = first; break;
    case 'maxLength': schema['maxLength'] = first; break;
    case 'arrayMinSize': schema['minItems'] = first; break;
    case 'arrayMaxSize': schema['maxItems'] = first; break;
    case 'matches': if (first instanceof RegExp) schema['pattern'] = first.source; break;
    case 'isIn': {
      const values = first as unknown[];
      schema['enum'] = values;
      if (values.every((v) => typeof v === 'number')) schema['type'] = Number.isInteger(values[0]) ? 'integer' : 'number';
      else if (values.every((v) => typeof v === 'boolean')) schema['type'] = 'boolean';
      break;
    }
    default:
      // A rule without a JSON Schema keyword is still named, so that the document says what is checked.
      schema['description'] = [schema['description'], `checked: ${name}`].filter(Boolean).join('; ');
  }
}
