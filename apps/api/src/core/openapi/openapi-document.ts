import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import * as contracts from '@tremplin/contracts';
import { PUBLIC_ROUTE } from '../auth/access.decorators';
import { documentDto, isDtoClass } from './dto-schemas';

/**
 * The OpenAPI document served at /api/docs-json: request DTOs described by their validation rules, and
 * security as the global guard applies it (a bearer token everywhere, none on `@Public()` routes).
 * Linted by `redocly lint` in the integration tests (redocly.yaml).
 */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  for (const value of Object.values(contracts)) if (isDtoClass(value)) documentDto(value);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tremplin API')
      .setDescription("Appels à projets d'insertion : candidatures, évaluation, conventions, paiements. Montants en centimes (entiers).")
      .setVersion(version)
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer('/')
      .addBearerAuth()
      .build(),
  );
  const publicOperations = publicOperationIds(app);
  document.security = [{ bearer: [] }];
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as Array<{ operationId?: string; security?: unknown[] }>) {
      if (typeof operation !== 'object' || !operation?.operationId) continue;
      if (publicOperations.has(operation.operationId)) operation.security = [];
      else delete operation.security; // the root's bearer requirement applies
    }
  }
  return document;
}

/** `Controller_method` of every handler marked `@Public()` (on the method or its controller). */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, type) === true;
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (classPublic || Reflect.getMetadata(PUBLIC_ROUTE, handler) === true) ids.add(`${type.name}_${name}`);
      }
    }
  }
  return ids;
}
