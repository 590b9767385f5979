import type { SimLogin } from '../data/data-file.js';
import type { CallContext, ServiceHandlers } from '../services/handler.js';
import { OSCAR_NS, type OperationDef, type ServiceDef } from '../wsdl/model.js';
import { findOperation } from '../wsdl/services.js';
import { GENERIC_SERVER_FAULT, SoapFault, clientFault, serverFault } from './fault.js';
import { type SoapRequest, wrapperQName } from './envelope.js';
import { marshalResponse } from './marshal.js';
import { unmarshalObject } from './unmarshal.js';
import { WsSecurity } from './ws-security.js';

export interface DispatchDeps {
  readonly security: WsSecurity;
  readonly serverZone: string;
  /** The refuse-credentials fault knob for this call. */
  readonly refuseCredentials: boolean;
  context(login: SimLogin | undefined): CallContext;
}

/** The operation a request names, or undefined when it names none of the service's operations. */
export function requestedOperation(service: ServiceDef, request: SoapRequest): OperationDef | undefined {
  const wrapper = request.wrapper;
  if (!wrapper || wrapper.namespaceURI !== OSCAR_NS) return undefined;
  return findOperation(service, wrapper.localName);
}

/**
 * CXF's inbound chain for one call: WS-Security (secured endpoints, before the body is read),
 * operation lookup by wrapper element, JAXB unmarshalling, the invoker, JAXB marshalling.
 * Any failure is thrown as a SoapFault.
 */
export async function dispatch(
  service: ServiceDef, handlers: ServiceHandlers, request: SoapRequest, deps: DispatchDeps,
): Promise<string> {
  let login: SimLogin | undefined;
  if (service.secured) login = await deps.security.authenticate(request.header, deps.refuseCredentials);
  else WsSecurity.checkNotMustUnderstand(request.header);

  const wrapper = request.wrapper;
  if (!wrapper) throw clientFault('No binding operation info while invoking unknown method with params unknown.');
  const operation = requestedOperation(service, request);
  if (!operation) {
    throw clientFault(`Message part ${wrapperQName(wrapper)} was not recognized.  (Does it exist in service WSDL?)`);
  }
  const args = unmarshalObject(wrapper, operation.params, deps.serverZone);
  const handler = handlers[operation.name];
  if (!handler) throw serverFault(GENERIC_SERVER_FAULT);
  try {
    const result = await handler(args, deps.context(login));
    return marshalResponse(operation, result);
  } catch (err) {
    if (err instanceof SoapFault) throw err;
    throw serverFault((err as Error)?.message || GENERIC_SERVER_FAULT);
  }
}
