import { getMetadataStorage } from 'class-validator';
import { TOOLS, type ToolSpec } from './tool-catalogue.js';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** `@ApiProperty` keeps its options under this reflect-metadata key (@nestjs/swagger DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A Vapi `function` tool, ready to paste into an assistant (its server URL comes from the assistant). */
export interface VapiToolDefinition {
  type: 'function';
  async: false;
  function: { name: string; description: string; parameters: JsonSchema };
  messages: { type: 'request-start'; content: string }[];
}

/**
 * JSON schemas of the tools' arguments, from the class-validator metadata the webhook validates
 * with (types, enums, required, bounds) plus the descriptions of their `@ApiProperty`: one source,
 * so what the assistant is told and what the webhook accepts cannot drift apart.
 */
export function argumentsSchema(dto: new () => object): JsonSchema {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const meta of metas) byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, list] of byProperty) {
    const optional = list.some((m) => m.type === 'conditionalValidation');
    const own = schemaOf(list.filter((m) => !m.each));
    const each = schemaOf(list.filter((m) => m.each));
    const schema: JsonSchema = list.some((m) => m.name === 'isArray') ? { ...own, type: 'array', items: each } : own;
    const doc = Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype, property) as { description?: string } | undefined;
    if (doc?.description) schema.description = doc.description;
    properties[property] = schema;
    if (!optional) required.push(property);
  }
  return { type: 'object', properties, required };
}

function schemaOf(list: ValidationMetadata[]): JsonSchema {
  const schema: JsonSchema = {};
  for (const m of list) {
    const c = m.constraints ?? [];
    switch (m.name) {
      case 'isString':
      case 'isNotEmpty':
        schema.type ??= 'string';
        break;
      case 'matches':
        schema.type = 'string';
        schema.pattern = (c[0] as RegExp).source;
        break;
      case 'isInt':
        schema.type = 'integer';
        break;
      case 'isBoolean':
        schema.type = 'boolean';
        break;
      case 'isIn':
        schema.enum = c[0] as unknown[];
        schema.type = typeof (c[0] as unknown[])[0] === 'number' ? 'integer' : 'string';
        break;
      case 'min':
        schema.minimum = c[0] as number;
        break;
      case 'max':
        schema.maximum = c[0] as number;
        break;
      case 'maxLength':
        schema.maxLength = c[0] as number;
        break;
      case 'arrayMaxSize':
        schema.maxItems = c[0] as number;
        break;
    }
  }
  return schema;
}

export function toolDefinition(spec: ToolSpec): VapiToolDefinition {
  return {
    type: 'function',
    async: false,
    function: { name: spec.name, description: spec.description, parameters: argumentsSchema(spec.args) },
    messages: spec.requestStart ? [{ type: 'request-start', content: spec.requestStart }] : [],
  };
}

export function toolDefinitions(): VapiToolDefinition[] {
  return TOOLS.map(toolDefinition);
}
