import { create } from 'xmlbuilder2';
import {
  type ComplexTypeDef, type FieldDef, type OperationDef, type ServiceDef, OSCAR_NS, isTnsType, tnsName,
} from './model.js';
import { findComplexType, findEnumType } from './types.js';

type XMLBuilder = ReturnType<typeof create>;

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const SOAP_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/http';

/**
 * Renders the WSDL that CXF 2.7 generates for an OSCAR endpoint: same names (XWsService,
 * XWs, XWsPort, XWsServiceSoapBinding), inline schema with unqualified elements, document/literal
 * wrapped operations with soapAction="", and soap:address echoing the URL the WSDL was fetched from.
 */
export function renderWsdl(service: ServiceDef, address: string): string {
  const serviceName = `${service.className}Service`;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('wsdl:definitions', {
    'xmlns:xsd': XSD_NS,
    'xmlns:wsdl': WSDL_NS,
    'xmlns:tns': OSCAR_NS,
    'xmlns:soap': SOAP_BINDING_NS,
    'xmlns:ns1': SOAP_HTTP,
    name: serviceName,
    targetNamespace: OSCAR_NS,
  });
  renderTypes(root.ele('wsdl:types'), service);
  renderMessages(root, service);
  renderPortType(root, service);
  renderBinding(root, service);
  root.ele('wsdl:service', { name: serviceName })
    .ele('wsdl:port', { binding: `tns:${serviceName}SoapBinding`, name: `${service.className}Port` })
    .ele('soap:address', { location: address });
  return root.end({ prettyPrint: false });
}

function renderTypes(types: XMLBuilder, service: ServiceDef): void {
  const schema = types.ele('xs:schema', {
    'xmlns:xs': XSD_NS,
    'xmlns:tns': OSCAR_NS,
    elementFormDefault: 'unqualified',
    targetNamespace: OSCAR_NS,
    version: '1.0',
  });
  const wrapperNames = service.operations.flatMap((o) => [o.name, `${o.name}Response`]).sort(codepointCompare);
  for (const name of wrapperNames) schema.ele('xs:element', { name, type: `tns:${name}` });

  const emitted = new Set<string>();
  const enums = new Set<string>();
  const emitReferenced = (fields: readonly FieldDef[]): void => {
    for (const field of fields) {
      if (!isTnsType(field.type)) continue;
      const name = tnsName(field.type);
      if (findEnumType(name)) { enums.add(name); continue; }
      const complex = findComplexType(name);
      if (!complex || emitted.has(name)) continue;
      emitted.add(name);
      renderComplexType(schema, complex);
      emitReferenced(complex.fields);
    }
  };
  for (const operation of service.operations) {
    renderComplexType(schema, { name: operation.name, fields: operation.params, final: false });
    emitReferenced(operation.params);
    const response = operation.returns ? [operation.returns] : [];
    renderComplexType(schema, { name: `${operation.name}Response`, fields: response, final: false });
    emitReferenced(response);
  }
  for (const name of [...enums].sort(codepointCompare)) {
    const restriction = schema.ele('xs:simpleType', { name }).ele('xs:restriction', { base: 'xs:string' });
    for (const value of findEnumType(name)?.values ?? []) restriction.ele('xs:enumeration', { value });
  }
  for (const fault of declaredFaults(service)) {
    schema.ele('xs:element', { name: fault, type: `tns:${fault}` });
    const type = findComplexType(fault);
    if (type) renderComplexType(schema, type);
  }
}

function renderComplexType(schema: XMLBuilder, type: ComplexTypeDef): void {
  const attrs: Record<string, string> = type.final ? { final: 'extension restriction', name: type.name } : { name: type.name };
  const sequence = schema.ele('xs:complexType', attrs).ele('xs:sequence');
  for (const field of type.fields) {
    const el: Record<string, string> = {};
    if (field.many) el.maxOccurs = 'unbounded';
    if (field.optional) el.minOccurs = '0';
    el.name = field.name;
    if (field.nillable) el.nillable = 'true';
    el.type = isTnsType(field.type) ? field.type : `xs:${field.type}`;
    sequence.ele('xs:element', el);
  }
}

function renderMessages(root: XMLBuilder, service: ServiceDef): void {
  for (const operation of service.operations) {
    for (const name of [operation.name, `${operation.name}Response`]) {
      root.ele('wsdl:message', { name }).ele('wsdl:part', { element: `tns:${name}`, name: 'parameters' });
    }
  }
  for (const fault of declaredFaults(service)) {
    root.ele('wsdl:message', { name: fault }).ele('wsdl:part', { element: `tns:${fault}`, name: fault });
  }
}

function renderPortType(root: XMLBuilder, service: ServiceDef): void {
  const portType = root.ele('wsdl:portType', { name: service.className });
  for (const operation of service.operations) {
    const el = portType.ele('wsdl:operation', { name: operation.name });
    el.ele('wsdl:input', { message: `tns:${operation.name}`, name: operation.name });
    el.ele('wsdl:output', { message: `tns:${operation.name}Response`, name: `${operation.name}Response` });
    for (const fault of operation.faults ?? []) el.ele('wsdl:fault', { message: `tns:${fault}`, name: fault });
  }
}

function renderBinding(root: XMLBuilder, service: ServiceDef): void {
  const binding = root.ele('wsdl:binding', {
    name: `${service.className}ServiceSoapBinding`,
    type: `tns:${service.className}`,
  });
  binding.ele('soap:binding', { style: 'document', transport: SOAP_HTTP });
  for (const operation of service.operations) {
    const el = binding.ele('wsdl:operation', { name: operation.name });
    el.ele('soap:operation', { soapAction: '', style: 'document' });
    el.ele('wsdl:input', { name: operation.name }).ele('soap:body', { use: 'literal' });
    el.ele('wsdl:output', { name: `${operation.name}Response` }).ele('soap:body', { use: 'literal' });
    for (const fault of operation.faults ?? []) {
      el.ele('wsdl:fault', { name: fault }).ele('soap:fault', { name: fault, use: 'literal' });
    }
  }
}

function declaredFaults(service: ServiceDef): string[] {
  return [...new Set(service.operations.flatMap((o: OperationDef) => o.faults ?? []))];
}

function codepointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
