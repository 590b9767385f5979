/**
 * The XML text of the simulator's replies, written straight into strings: the same text
 * xmlbuilder2 serialises for the same elements (start tags with their attributes, text escaped as
 * `&amp;` `&lt;` `&gt;`, an element with no content closed as `<x/>`, one with text — even empty —
 * as `<x></x>`), without building a DOM first. A month of one provider's appointments (~500
 * transfer objects, ~12,000 elements) took the DOM builder ~130 ms of CPU per reply, time a real
 * OSCAR does not spend; it showed as latency in every long range read.
 */
export class XmlWriter {
  private readonly parts: string[] = [];
  private readonly open: string[] = [];
  /** the innermost start tag still lacks its `>` (nothing written inside it yet) */
  private pending = false;

  start(name: string, attributes?: Readonly<Record<string, string>>): this {
    this.closeStartTag();
    let tag = `<${name}`;
    if (attributes) for (const key of Object.keys(attributes)) tag += ` ${key}="${escapeAttribute(attributes[key] as string)}"`;
    this.parts.push(tag);
    this.open.push(name);
    this.pending = true;
    return this;
  }

  text(value: string): this {
    this.closeStartTag();
    this.parts.push(escapeText(value));
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('no element is open');
    if (this.pending) {
      this.parts.push('/>');
      this.pending = false;
    } else {
      this.parts.push(`</${name}>`);
    }
    return this;
  }

  /** Well-formed XML written before by a writer of this kind, inserted as it is. */
  raw(fragment: string): this {
    this.closeStartTag();
    this.parts.push(fragment);
    return this;
  }

  /** `<name>text</name>` */
  leaf(name: string, value: string): this {
    return this.start(name).text(value).end();
  }

  /** The document, every element still open closed. */
  toString(): string {
    while (this.open.length > 0) this.end();
    return this.parts.join('');
  }

  private closeStartTag(): void {
    if (this.pending) {
      this.parts.push('>');
      this.pending = false;
    }
  }
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;' };

function escapeText(value: string): string {
  return /[&<>]/.test(value) ? value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] as string) : value;
}

function escapeAttribute(value: string): string {
  return /[&<>"]/.test(value) ? value.replace(/[&<>"]/g, (c) => ATTRIBUTE_ESCAPES[c] as string) : value;
}
