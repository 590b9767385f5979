import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { XmlWriter } from './xml-writer.js';

const TEXTS = ['', '  ', 'plain', 'x & y <z> "q" \'s\' ]]>', 'Café – naïve 😀', 'a\rb\nc\td', '>'];

describe('XmlWriter', () => {
  it('writes the text xmlbuilder2 serialises for the same elements (what the replies were written with before)', () => {
    const ours = new XmlWriter().start('soap:Envelope', { 'xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/' }).start('soap:Body');
    const doc = create().ele('soap:Envelope', { 'xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/' });
    const wrapper = doc.ele('soap:Body').ele('ns2:getResponse', { 'xmlns:ns2': 'http://ws.oscarehr.org/' });
    ours.start('ns2:getResponse', { 'xmlns:ns2': 'http://ws.oscarehr.org/' });
    for (const text of TEXTS) {
      const item = wrapper.ele('return');
      ours.start('return');
      item.ele('notes').txt(text);
      ours.leaf('notes', text);
      item.ele('empty');
      ours.start('empty').end();
      item.ele('nil', { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:nil': 'true' });
      ours.start('nil', { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:nil': 'true' }).end();
      ours.end();
    }
    wrapper.ele('unused', { note: 'a "b" & <c>' });
    ours.start('unused', { note: 'a "b" & <c>' }).end();
    expect(ours.toString()).toBe(doc.end({ headless: true, prettyPrint: false }));
  });

  it('escapes every ampersand, as a Java server does (xmlbuilder2 kept "&amp;" in a text as it was, so such a note came back changed)', () => {
    expect(new XmlWriter().leaf('notes', 'R&amp;D &lt; 5').toString()).toBe('<notes>R&amp;amp;D &amp;lt; 5</notes>');
  });

  it('refuses to close more elements than it opened', () => {
    expect(() => new XmlWriter().end()).toThrow('no element is open');
  });
});
