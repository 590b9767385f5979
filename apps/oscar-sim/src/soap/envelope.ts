import { OSCAR_NS } from '../wsdl/model.js';
import { SOAP_ENV_NS, SoapFault, clientFault } from './fault.js';
import { type XmlElement, childElements, findChild, parseXml } from './xml-dom.js';
import { XmlWriter } from './xml-writer.js';

const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';

export interface SoapRequest {
  readonly header: XmlElement | undefined;
  /** The first element of the Body: the operation wrapper (document/literal wrapped). */
  readonly wrapper: XmlElement | undefined;
}

/** Reads a SOAP 1.1 envelope; faults the way a CXF SOAP 1.1 endpoint does. */
export function readEnvelope(xml: string): SoapRequest {
  const root = parseXml(xml);
  if (root.namespaceURI === SOAP12_ENV_NS) {
    throw new SoapFault({ local: 'VersionMismatch' }, 'A SOAP 1.2 message is not valid when sent to a SOAP 1.1 only endpoint.');
  }
  if (root.namespaceURI !== SOAP_ENV_NS || root.localName !== 'Envelope') {
    throw new SoapFault({ local: 'VersionMismatch' }, `Invalid SOAP version or not a SOAP envelope: {${root.namespaceURI ?? ''}}${root.localName}`);
  }
  const header = findChild(root, SOAP_ENV_NS, 'Header');
  const body = findChild(root, SOAP_ENV_NS, 'Body');
  if (!body) throw clientFault('No SOAP Body element found in the message.');
  return { header, wrapper: childElements(body)[0] };
}

/** The element name of the operation wrapper, as CXF names an unknown message part: {ns}local. */
export function wrapperQName(wrapper: XmlElement): string {
  return `{${wrapper.namespaceURI ?? ''}}${wrapper.localName}`;
}

export function isOscarElement(el: XmlElement): boolean {
  return el.namespaceURI === OSCAR_NS;
}

/** `<soap:Envelope><soap:Body>…</soap:Body></soap:Envelope>` without an XML declaration, like CXF. */
export function soapEnvelope(fillBody: (body: XmlWriter) => void): string {
  const xml = new XmlWriter().start('soap:Envelope', { 'xmlns:soap': SOAP_ENV_NS }).start('soap:Body');
  fillBody(xml);
  return xml.toString();
}
