// Preloaded with `node --import` into a tool that must work offline (e2e/api/openapi-tools.e2e-spec.ts):
// every outgoing connection or DNS lookup is refused and written, one line each, to $NO_NETWORK_LOG.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.NO_NETWORK_LOG;

function refuse(what) {
  if (log) appendFileSync(log, `${what}\n`);
  throw new Error(`network access refused (${what})`);
}

function target(args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first && typeof first === 'object') return `${first.host ?? first.path ?? ''}:${first.port ?? ''}`;
  return `${second ?? ''}:${first ?? ''}`;
}

net.Socket.prototype.connect = function connect(...args) {
  refuse(`connect ${target(args)}`);
};
net.connect = net.createConnection = (...args) => refuse(`connect ${target(args)}`);
tls.connect = (...args) => refuse(`tls ${target(args)}`);
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
