import { create } from 'xmlbuilder2';
import { OSCAR_NS } from '../wsdl/model.js';
import { allServices } from '../wsdl/services.js';

/** CXF's HTML "Available SOAP services" page served at GET /<ctx>/ws/. */
export function renderServiceList(wsBaseUrl: string): string {
  const html = create().ele('html');
  const head = html.ele('head');
  head.ele('meta', { 'http-equiv': 'content-type', content: 'text/html; charset=UTF-8' });
  head.ele('title').txt('CXF - Service list');
  const body = html.ele('body');
  body.ele('span', { class: 'heading' }).txt('Available SOAP services:');
  body.ele('br');
  const table = body.ele('table', { cellpadding: '1', cellspacing: '1', border: '1', width: '100%' });
  for (const service of allServices) {
    const row = table.ele('tr');
    const ops = row.ele('td');
    ops.ele('span', { class: 'porttypename' }).txt(service.className);
    const list = ops.ele('ul');
    for (const op of service.operations) list.ele('li').txt(op.name);
    const info = row.ele('td');
    const address = `${wsBaseUrl}/${service.path}`;
    info.ele('span', { class: 'field' }).txt('Endpoint address:');
    info.ele('span', { class: 'value' }).txt(address);
    info.ele('br');
    info.ele('span', { class: 'field' }).txt('WSDL :');
    info.ele('a', { href: `${address}?wsdl` }).txt(`{${OSCAR_NS}}${service.className}Service`);
    info.ele('br');
    info.ele('span', { class: 'field' }).txt('Target namespace:');
    info.ele('span', { class: 'value' }).txt(OSCAR_NS);
  }
  body.ele('br');
  body.ele('span', { class: 'heading' }).txt('Available RESTful services:');
  return html.end({ headless: true, prettyPrint: false });
}
