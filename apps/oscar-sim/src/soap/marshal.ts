import { DateTime } from 'luxon';
import { type FieldDef, type FieldType, OSCAR_NS, type OperationDef, isTnsType, tnsName } from '../wsdl/model.js';
import { findComplexType, findEnumType } from '../wsdl/types.js';
import { formatXsDateTime } from '../time/xs-datetime.js';
import { SoapFault } from './fault.js';
import { soapEnvelope } from './envelope.js';
import { XmlWriter } from './xml-writer.js';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The text of frozen (never changing) transfer objects already written, by element name. */
const fragments = new WeakMap<object, Map<string, string>>();

/**
 * The value an operation returns, in transfer-object shape: field names as in the model,
 * dateTimes as luxon DateTimes (printed in their own zone) or preformatted strings,
 * unsignedShort codes as numbers or one-character strings. null/undefined fields are omitted.
 */
export type Marshallable = unknown;

/** `<ns2:opResponse xmlns:ns2="http://ws.oscarehr.org/"><return>…</return>…` */
export function marshalResponse(operation: OperationDef, value: Marshallable): string {
  return soapEnvelope((xml) => {
    xml.start(`ns2:${operation.name}Response`, { 'xmlns:ns2': OSCAR_NS });
    if (operation.returns) writeField(xml, operation.returns, value);
    xml.end();
  });
}

/** A CXF SOAP 1.1 fault; the detail of a declared exception is marshalled like a response. */
export function marshalFault(fault: SoapFault): string {
  return soapEnvelope((xml) => {
    xml.start('soap:Fault');
    if (fault.code.namespace) xml.start('faultcode', { 'xmlns:ns1': fault.code.namespace }).text(`ns1:${fault.code.local}`).end();
    else xml.leaf('faultcode', `soap:${fault.code.local}`);
    xml.leaf('faultstring', fault.faultString);
    if (fault.detail) {
      const type = findComplexType(fault.detail.type);
      xml.start('detail').start(`ns2:${fault.detail.type}`, { 'xmlns:ns2': OSCAR_NS });
      for (const field of type?.fields ?? []) writeField(xml, field, fault.detail.value[field.name]);
      xml.end().end();
    }
    xml.end();
  });
}

function writeField(xml: XmlWriter, field: FieldDef, value: unknown): void {
  if (field.many) {
    for (const item of (value as unknown[] | null | undefined) ?? []) {
      if (item === null || item === undefined) {
        if (field.nillable) xml.start(field.name, { 'xmlns:xsi': XSI_NS, 'xsi:nil': 'true' }).end();
        continue;
      }
      writeOne(xml, field.name, field.type, item);
    }
    return;
  }
  if (value === null || value === undefined) {
    if (!field.optional) writeOne(xml, field.name, field.type, field.type === 'boolean' ? false : 0);
    return;
  }
  writeOne(xml, field.name, field.type, value);
}

function writeOne(xml: XmlWriter, name: string, type: FieldType, value: unknown): void {
  if (isTnsType(type)) {
    const typeName = tnsName(type);
    if (findEnumType(typeName)) {
      xml.leaf(name, String(value));
      return;
    }
    const complex = findComplexType(typeName);
    if (!complex) throw new Error(`model has no type ${typeName}`);
    const obj = value as Record<string, unknown>;
    // a frozen transfer object (a stored row's, see appointment-ops) is written once per element name
    const remembered = Object.isFrozen(obj) ? fragments.get(obj)?.get(name) : undefined;
    if (remembered !== undefined) {
      xml.raw(remembered);
      return;
    }
    const element = Object.isFrozen(obj) ? new XmlWriter() : xml;
    element.start(name);
    for (const field of complex.fields) writeField(element, field, obj[field.name]);
    element.end();
    if (element !== xml) {
      const text = element.toString();
      let byName = fragments.get(obj);
      if (!byName) fragments.set(obj, (byName = new Map()));
      byName.set(name, text);
      xml.raw(text);
    }
    return;
  }
  xml.leaf(name, simpleText(type, value));
}

function simpleText(type: FieldType, value: unknown): string {
  switch (type) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'int':
    case 'long':
      return String(Math.trunc(Number(value)));
    case 'unsignedShort':
      return typeof value === 'string' ? String(value.charCodeAt(0)) : String(Math.trunc(Number(value)));
    case 'dateTime':
      return value instanceof DateTime ? formatXsDateTime(value) : String(value);
    default:
      return String(value);
  }
}
