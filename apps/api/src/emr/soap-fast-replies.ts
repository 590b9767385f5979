import { XMLParser } from 'fast-xml-parser';
import { strongSoapParseValue, type SoapClient, type XsdDescriptor } from './strong-soap.js';

/**
 * The reply elements whose envelopes are read with fast-xml-parser instead of strong-soap's own
 * parser: the appointment lists. A month of a fully booked provider is ~500 appointmentTransfers
 * (~0.5 MB); strong-soap's sax-based reader spends ~30 ms of the event loop on it, six of them
 * per search. fast-xml-parser reads the same text several times faster.
 */
export const FAST_REPLY_ELEMENTS: ReadonlySet<string> = new Set([
  'getAppointmentsForDateRangeAndProvider2Response',
  'getAppointmentsForPatient2Response',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // XML's five named entities and numeric character references, as sax decodes them
  processEntities: true,
  htmlEntities: true,
});

/** Something strong-soap would read differently (attributes, mixed content, a fault…): let it. */
class NotPlain extends Error {}

type XmlHandler = { xmlToJson(nsContext: unknown, xml: unknown, descriptor: XsdDescriptor | undefined): unknown };

/**
 * Reads the replies of `elements` with fast-xml-parser, giving exactly what strong-soap's
 * `xmlToJson` gives (same shape, its own descriptor-driven value conversion: xs:int → number,
 * xs:dateTime → Date, repeated elements → arrays, empty elements → undefined, `xsi:nil` → null).
 * Any other reply, a fault, or a document with something this reader does not handle the same
 * way (attributes other than `xsi:nil`, mixed content, multi-refs, an unreadable document) goes
 * to strong-soap unchanged.
 */
export function readRepliesFast(client: SoapClient, elements: ReadonlySet<string> = FAST_REPLY_ELEMENTS): void {
  const handler = client.xmlHandler as XmlHandler;
  const strong = handler.xmlToJson.bind(handler);
  handler.xmlToJson = (nsContext, xml, descriptor) => {
    if (typeof xml === 'string' && descriptor && elements.has(replyElement(descriptor) ?? '')) {
      const fast = readEnvelope(xml, descriptor);
      if (fast !== undefined) return fast;
    }
    return strong(nsContext, xml, descriptor);
  };
}

/** The name of the element an output envelope's body carries (`…Response`), if any. */
export function replyElement(envelope: XsdDescriptor): string | undefined {
  return envelope.findElement('Envelope')?.findElement('Body')?.elements?.[0]?.qname?.name;
}

/** strong-soap's `xmlToJson` result (the Envelope's content) for a plain reply; undefined to let strong-soap read it. */
export function readEnvelope(xml: string, descriptor: XsdDescriptor): Record<string, unknown> | undefined {
  // strong-soap reads an XML document inside CDATA as XML: leave such replies to it
  if (xml.includes('<![CDATA[')) return undefined;
  try {
    const parsed = parser.parse(xml) as Record<string, unknown>;
    const envelope = parsed.Envelope as Record<string, unknown> | undefined;
    const body = envelope?.Body;
    if (!envelope || !body || typeof body !== 'object' || 'Fault' in body) return undefined;
    const root = convert({ Envelope: envelope }, descriptor) as { Envelope?: Record<string, unknown> } | undefined;
    return root?.Envelope ?? undefined;
  } catch {
    return undefined;
  }
}

function convert(value: unknown, descriptor: XsdDescriptor | null | undefined): unknown {
  if (typeof value === 'string') return value === '' ? undefined : strongSoapParseValue(value, descriptor ?? undefined);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new NotPlain();
  const node = value as Record<string, unknown>;
  let nil = false;
  let hasChildren = false;
  for (const key of Object.keys(node)) {
    if (key === '@nil') nil = node[key] === 'true';
    else if (key.startsWith('@')) {
      // namespace declarations are not attributes to strong-soap; anything else is
      if (key !== '@xmlns' && !key.startsWith('@xmlns:')) throw new NotPlain();
    } else if (key !== '#text') hasChildren = true;
  }
  if (nil) return null;
  const text = node['#text'];
  if (text !== undefined) {
    if (hasChildren) throw new NotPlain();
    return convert(String(text), descriptor);
  }
  if (!hasChildren) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const childDescriptor = descriptor?.findElement(key) ?? null;
    if (Array.isArray(child)) out[key] = child.map((item) => convert(item, childDescriptor));
    else {
      const one = convert(child, childDescriptor);
      out[key] = childDescriptor?.isMany ? [one] : one;
    }
  }
  return out;
}
