import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../common/auth/public.decorator.js';

type Json = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `type` of `#/components/schemas/<Name>`, when the reference points there and the schema has one. */
function referencedType(document: Json, ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return undefined;
  const schemas = (document.components as Json | undefined)?.schemas as Json | undefined;
  const target = schemas?.[ref.slice('#/components/schemas/'.length)];
  return isObject(target) && typeof target.type === 'string' ? target.type : undefined;
}

function memberType(document: Json, member: unknown): string | undefined {
  if (!isObject(member)) return undefined;
  return typeof member.type === 'string' ? member.type : referencedType(document, member.$ref);
}

/**
 * OpenAPI 3.0 reads `nullable` only beside a `type`; without one, generators drop the null and
 * linters refuse the schema (`nullable-type-sibling`). Nest writes `nullable` without a type
 * beside `allOf: [$ref]` (a nullable enum or object) and beside `oneOf` (a union). Gives each such
 * schema a type it already has:
 * - `allOf` of one reference: the referenced schema's type, beside the `allOf`;
 * - `oneOf`/`anyOf`: `nullable` moves onto its first member that has a type of its own, so exactly
 *   one member accepts null (a `oneOf` stays valid for null); when every member is a reference to
 *   schemas of one type, that type goes beside it instead.
 * A schema it cannot type is left as it is (the document's lint test names it).
 */
function typeNullable(document: Json, schema: Json): void {
  if (schema.nullable !== true || schema.type !== undefined || schema.$ref !== undefined) return;
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1) {
    const type = memberType(document, allOf[0]);
    if (type) schema.type = type;
    return;
  }
  const union = (Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf) as unknown[] | undefined;
  if (!Array.isArray(union)) return;
  const typed = union.find((member) => isObject(member) && typeof member.type === 'string');
  if (isObject(typed)) {
    typed.nullable = true;
    delete schema.nullable;
    return;
  }
  const types = new Set(union.map((member) => memberType(document, member)));
  const [only] = types;
  if (types.size === 1 && only) schema.type = only;
}

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (isObject(value)) {
    visit(value);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

/** `@Public()` operations carry a marker (Nest drops an empty `security`): they declare `security: []`. */
function declarePublicOperations(document: Json): void {
  for (const item of Object.values((document.paths ?? {}) as Json)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation) || operation[PUBLIC_OPERATION_EXTENSION] === undefined) continue;
      delete operation[PUBLIC_OPERATION_EXTENSION];
      operation.security = [];
    }
  }
}

/**
 * Makes the document Nest generates one that other tools read as meant (Redocly's recommended
 * rules, openapi-typescript, ng-openapi-gen): typed nullables and declared public operations.
 * Changes the document in place and answers it.
 */
export function normalizeOpenApi<T extends OpenAPIObject>(document: T): T {
  walk(document, (node) => typeNullable(document as unknown as Json, node));
  declarePublicOperations(document as unknown as Json);
  return document;
}
