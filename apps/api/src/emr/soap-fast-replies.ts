import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { strongSoapParseValue, type SoapClient, type XsdDescriptor } from './strong-soap.js';

/**
 * The reply elements whose envelopes are read with htmlparser2's tokenizer instead of strong-soap's
 * sax-based reader: the appointment lists. A month of a fully booked provider is ~500
 * appointmentTransfers (~230 kB); strong-soap spends ~30 ms of the event loop on it, six of them
 * per search; this reader about a quarter of that (docs/decisions.md, "Search CPU").
 */
export const FAST_REPLY_ELEMENTS: ReadonlySet<string> = new Set([
  'getAppointmentsForDateRangeAndProvider2Response',
  'getAppointmentsForPatient2Response',
]);

type XmlHandler = { xmlToJson(nsContext: unknown, xml: unknown, descriptor: XsdDescriptor | undefined): unknown };

/**
 * Reads the replies of `elements` with the fast reader, which gives exactly what strong-soap's
 * `xmlToJson` gives; any other reply, and any reply the fast reader declines, goes to strong-soap.
 */
export function readRepliesFast(client: SoapClient, elements: ReadonlySet<string> = FAST_REPLY_ELEMENTS): void {
  const handler = client.xmlHandler as XmlHandler;
  const strong = handler.xmlToJson.bind(handler);
  handler.xmlToJson = (nsContext, xml, descriptor) => {
    if (typeof xml === 'string' && descriptor && elements.has(replyElement(descriptor) ?? '')) {
      const fast = readRemembered(xml, descriptor);
      if (fast !== undefined) return fast;
    }
    return strong(nsContext, xml, descriptor);
  };
}

/** Replies at least this long are remembered by their bytes (a booked provider-month is ~230 kB). */
const REMEMBER_FROM_CHARS = 32_000;
const REMEMBERED_REPLIES = 24;
const remembered = new Map<string, { descriptor: XsdDescriptor; envelope: Record<string, unknown> }>();

/**
 * `readEnvelope`, remembering the last few long replies by a digest of their bytes: a search reads
 * every provider's month again a few seconds after the previous caller, and OSCAR answers the very
 * same bytes until something changes. OSCAR is still asked every time; only the reading is spared
 * when it answered exactly what it answered before. The remembered objects are shared: callers
 * only read them (the adapter maps them into new, frozen objects).
 */
function readRemembered(xml: string, descriptor: XsdDescriptor): Record<string, unknown> | undefined {
  if (xml.length < REMEMBER_FROM_CHARS) return readEnvelope(xml, descriptor);
  const digest = createHash('sha256').update(xml).digest('base64');
  const hit = remembered.get(digest);
  if (hit && hit.descriptor === descriptor) {
    remembered.delete(digest);
    remembered.set(digest, hit);
    return hit.envelope;
  }
  const envelope = readEnvelope(xml, descriptor);
  if (envelope !== undefined) {
    remembered.set(digest, { descriptor, envelope });
    if (remembered.size > REMEMBERED_REPLIES) remembered.delete(remembered.keys().next().value as string);
  }
  return envelope;
}

/** The name of the element an output envelope's body carries (`…Response`), if any. */
export function replyElement(envelope: XsdDescriptor): string | undefined {
  return envelope.findElement('Envelope')?.findElement('Body')?.elements?.[0]?.qname?.name;
}

/** Something strong-soap would read differently: leave the document to it. */
class Declined extends Error {}

/** `&` not starting one of XML's five named entities or a character reference (sax refuses it; strong-soap throws). */
const STRAY_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/;

const SLASH = '/'.charCodeAt(0);

interface Frame {
  name: string;
  object: unknown;
  descriptor: XsdDescriptor | null | undefined;
}

/**
 * strong-soap's `xmlToJson` (src/parser/xmlHandler.js) for a plain document, on htmlparser2's
 * tokenizer: the same stack of (element, object, descriptor), the same text handling (each run of
 * text between two tags trimmed, empty runs skipped, converted by strong-soap's own `parseValue`
 * from the element's descriptor: xs:int → number, xs:dateTime → Date), repeated or `isMany`
 * elements as arrays, an empty element as undefined, `xsi:nil="true"` as null. Declines (returns
 * undefined) a fault, CDATA, attributes other than namespace declarations and `xsi:nil`, text
 * beside child elements, an unknown entity, mismatched or unclosed tags, or no Envelope.
 */
export function readEnvelope(xml: string, descriptor: XsdDescriptor): Record<string, unknown> | undefined {
  if (xml.includes('<![CDATA[') || STRAY_AMPERSAND.test(xml)) return undefined;
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [{ name: '', object: root, descriptor }];
  let text = '';
  let declined = false;

  const flushText = () => {
    const value = text.trim();
    text = '';
    if (!value) return;
    const top = stack[stack.length - 1];
    if (top.object === null) return;
    // a leaf's value; text beside child elements (strong-soap's `$value`) is declined
    if (top.object !== undefined) throw new Declined();
    top.object = strongSoapParseValue(value, top.descriptor ?? undefined);
  };

  const parser = new Parser(
    {
      onopentag(qualified, attributes) {
        flushText();
        let object: unknown = undefined;
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
          if (localName(attribute) === 'nil' && attribute.includes(':')) {
            if (value === 'true') object = null;
            continue;
          }
          throw new Declined();
        }
        const top = stack[stack.length - 1];
        if (top.object !== undefined && (top.object === null || typeof top.object !== 'object')) throw new Declined();
        const name = localName(qualified);
        stack.push({ name: qualified, object, descriptor: top.descriptor?.findElement(name) });
      },
      ontext(data) {
        text += data;
      },
      onclosetag(qualified, isImplied) {
        flushText();
        const current = stack.pop();
        // htmlparser2 closes a self-closing tag as implied; any other implied close repairs a
        // document (a mismatched or missing end tag) that sax would refuse
        const selfClosing = isImplied && xml.charCodeAt(parser.endIndex - 1) === SLASH;
        if ((isImplied && !selfClosing) || !current || current.name !== qualified || stack.length === 0) throw new Declined();
        const top = stack[stack.length - 1];
        if (top.object === undefined) top.object = {};
        if (top.object === null) return;
        const parent = top.object as Record<string, unknown>;
        const name = localName(qualified);
        if (name in parent) {
          const existing = parent[name];
          if (Array.isArray(existing)) existing.push(current.object);
          else parent[name] = [existing, current.object];
        } else parent[name] = current.descriptor?.isMany ? [current.object] : current.object;
      },
      oncdatastart() {
        throw new Declined();
      },
      onerror() {
        declined = true;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  try {
    parser.end(xml);
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
  if (declined || stack.length !== 1) return undefined;
  const envelope = root.Envelope as Record<string, unknown> | undefined;
  const body = envelope?.Body as Record<string, unknown> | undefined;
  if (!envelope || !body || typeof body !== 'object' || 'Fault' in body) return undefined;
  return envelope;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
