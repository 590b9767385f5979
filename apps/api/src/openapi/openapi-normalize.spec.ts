import type { OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { PUBLIC_OPERATION_EXTENSION } from '../common/auth/public.decorator.js';
import { normalizeOpenApi } from './openapi-normalize.js';

function documentWith(properties: Record<string, unknown>, paths: Record<string, unknown> = {}): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: paths as OpenAPIObject['paths'],
    components: {
      schemas: {
        CallIntent: { type: 'string', enum: ['book', 'cancel'] },
        SecretMaskDto: { type: 'object', properties: { set: { type: 'boolean' } } },
        OtherMaskDto: { type: 'object', properties: {} },
        Dto: { type: 'object', properties } as never,
      },
    },
  };
}

const prop = (document: OpenAPIObject, name: string) => (document.components!.schemas!.Dto as { properties: Record<string, any> }).properties[name];

describe('the OpenAPI document other tools read', () => {
  it('gives a nullable enum reference the type of the enum it refers to', () => {
    const document = normalizeOpenApi(documentWith({ intent: { allOf: [{ $ref: '#/components/schemas/CallIntent' }], nullable: true, example: 'book' } }));
    expect(prop(document, 'intent')).toEqual({ allOf: [{ $ref: '#/components/schemas/CallIntent' }], nullable: true, type: 'string', example: 'book' });
  });

  it('moves nullable onto the first typed member of a union, so exactly one member accepts null', () => {
    const document = normalizeOpenApi(documentWith({
      secret: { nullable: true, oneOf: [{ type: 'string', maxLength: 500 }, { $ref: '#/components/schemas/SecretMaskDto' }] },
      value: { nullable: true, example: 30, anyOf: [{ type: 'number' }, { type: 'boolean' }] },
    }));
    expect(prop(document, 'secret')).toEqual({ oneOf: [{ type: 'string', maxLength: 500, nullable: true }, { $ref: '#/components/schemas/SecretMaskDto' }] });
    expect(prop(document, 'value')).toEqual({ example: 30, anyOf: [{ type: 'number', nullable: true }, { type: 'boolean' }] });
  });

  it('types a nullable union of references to schemas of one type, and leaves alone what it cannot type', () => {
    const document = normalizeOpenApi(documentWith({
      mask: { nullable: true, oneOf: [{ $ref: '#/components/schemas/SecretMaskDto' }, { $ref: '#/components/schemas/OtherMaskDto' }] },
      mixed: { nullable: true, oneOf: [{ $ref: '#/components/schemas/SecretMaskDto' }, { $ref: '#/components/schemas/CallIntent' }] },
      typed: { type: 'string', nullable: true },
    }));
    expect(prop(document, 'mask').type).toBe('object');
    expect(prop(document, 'mixed')).toEqual({ nullable: true, oneOf: [{ $ref: '#/components/schemas/SecretMaskDto' }, { $ref: '#/components/schemas/CallIntent' }] });
    expect(prop(document, 'typed')).toEqual({ type: 'string', nullable: true });
  });

  it('declares @Public() operations with an empty security list and drops the marker; others keep theirs', () => {
    const document = normalizeOpenApi(documentWith({}, {
      '/api/health': { get: { responses: {}, [PUBLIC_OPERATION_EXTENSION]: true } },
      '/api/clinics': { get: { responses: {}, security: [{ bearer: [] }] } },
    }));
    expect(document.paths['/api/health']!.get).toEqual({ responses: {}, security: [] });
    expect(document.paths['/api/clinics']!.get!.security).toEqual([{ bearer: [] }]);
  });
});
