import type { DateTime } from 'luxon';
import { type FieldDef, type FieldType, isTnsType, tnsName } from '../wsdl/model.js';
import { findComplexType, findEnumType } from '../wsdl/types.js';
import { parseXsDateTime } from '../time/xs-datetime.js';
import { unmarshallingError } from './fault.js';
import { type XmlElement, childElements, textOf } from './xml-dom.js';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export type XsValue = string | number | boolean | DateTime | XsObject | XsValue[] | null;
export interface XsObject { [field: string]: XsValue | undefined }

/**
 * Reads an element the way JAXB RI does behind CXF 2.7: children are matched by exact,
 * unqualified name in any order; an unknown or qualified child fails the whole call with
 * `Unmarshalling Error: unexpected element …`; absent primitives default to 0 / false.
 */
export function unmarshalObject(el: XmlElement, fields: readonly FieldDef[], serverZone: string): XsObject {
  const out: XsObject = {};
  for (const child of childElements(el)) {
    const field = child.namespaceURI ? undefined : fields.find((f) => f.name === child.localName);
    if (!field) throw unexpectedElement(child, fields);
    const value = readValue(child, field.type, serverZone);
    if (field.many) {
      const list = (out[field.name] as XsValue[] | undefined) ?? [];
      list.push(value);
      out[field.name] = list;
    } else {
      out[field.name] = value;
    }
  }
  for (const field of fields) {
    if (out[field.name] !== undefined) continue;
    if (field.many) out[field.name] = [];
    else if (!field.optional) out[field.name] = primitiveDefault(field.type);
  }
  return out;
}

function unexpectedElement(child: XmlElement, fields: readonly FieldDef[]): Error {
  const expected = fields.map((f) => `<{}${f.name}>`).join(',');
  const found = `unexpected element (uri:"${child.namespaceURI ?? ''}", local:"${child.localName}").`;
  return unmarshallingError(fields.length ? `${found} Expected elements are ${expected}` : `${found} Expected elements are (none)`);
}

function primitiveDefault(type: FieldType): XsValue {
  return type === 'boolean' ? false : 0;
}

function readValue(el: XmlElement, type: FieldType, serverZone: string): XsValue {
  if (el.getAttributeNS(XSI_NS, 'nil') === 'true') return null;
  if (isTnsType(type)) {
    const name = tnsName(type);
    const enumType = findEnumType(name);
    // JAXB maps an unknown enum constant to null without an error.
    if (enumType) return enumType.values.includes(textOf(el).trim()) ? textOf(el).trim() : null;
    const complex = findComplexType(name);
    if (!complex) throw new Error(`model has no type ${name}`);
    return unmarshalObject(el, complex.fields, serverZone);
  }
  const text = textOf(el);
  switch (type) {
    case 'string':
      return text;
    case 'int':
    case 'long':
    case 'unsignedShort':
      return parseInteger(text, type);
    case 'boolean':
      return ['true', '1'].includes(text.trim());
    case 'dateTime': {
      const dt = parseXsDateTime(text, serverZone);
      if (!dt) throw unmarshallingError(`"${text}" is not a valid representation of an XML Gregorian Calendar value.`);
      return dt;
    }
  }
}

const RANGES = {
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  unsignedShort: [0, 65535],
} as const;

function parseInteger(text: string, type: keyof typeof RANGES): number {
  const trimmed = text.trim();
  const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const [min, max] = RANGES[type];
  if (Number.isNaN(value) || value < min || value > max) throw unmarshallingError(`Not a number: ${text}`);
  return value;
}
