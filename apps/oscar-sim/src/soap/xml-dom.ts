import { XMLValidator } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import { clientFault } from './fault.js';

/** The part of the DOM (xmlbuilder2's namespace-aware parser) the simulator reads. */
export interface XmlElement {
  readonly nodeType: number;
  readonly namespaceURI: string | null;
  readonly localName: string;
  readonly prefix: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, localName: string): string | null;
}

const ELEMENT_NODE = 1;

/**
 * Parses a request document. Well-formedness is checked with fast-xml-parser's validator first
 * (xmlbuilder2's parser is lenient), then xmlbuilder2 gives a DOM with namespaces resolved.
 * Unreadable XML and DTDs fault like CXF's StAX reader does.
 */
export function parseXml(text: string): XmlElement {
  if (/<!DOCTYPE/i.test(text)) {
    throw clientFault('Error reading XMLStreamReader: Received event DTD, instead of START_ELEMENT or END_ELEMENT.');
  }
  const result = XMLValidator.validate(text);
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw clientFault(`Error reading XMLStreamReader: ${msg} at [row,col]:[${line},${col}]`);
  }
  try {
    return create(text).root().node as unknown as XmlElement;
  } catch (err) {
    throw clientFault(`Error reading XMLStreamReader: ${(err as Error).message}`);
  }
}

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const child = el.childNodes[i];
    if (child && child.nodeType === ELEMENT_NODE) out.push(child);
  }
  return out;
}

export function findChild(el: XmlElement, namespace: string | null, localName: string): XmlElement | undefined {
  return childElements(el).find((c) => (c.namespaceURI ?? null) === namespace && c.localName === localName);
}

export function textOf(el: XmlElement): string {
  return el.textContent ?? '';
}
