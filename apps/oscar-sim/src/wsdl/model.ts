/**
 * A small declarative model of OSCAR's JAX-WS contract. The WSDL documents, the request
 * unmarshaller and the response marshaller are all derived from it, so the three never drift.
 */
export const OSCAR_NS = 'http://ws.oscarehr.org/';

export type XsSimpleType = 'string' | 'int' | 'long' | 'boolean' | 'dateTime' | 'unsignedShort';

/** `tns:<name>` refers to a complex or enum type of the model. */
export type FieldType = XsSimpleType | `tns:${string}`;

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** minOccurs="0": JAXB writes it for wrapper objects (Integer, String, Calendar, ...). */
  readonly optional: boolean;
  /** maxOccurs="unbounded" */
  readonly many?: boolean;
  readonly nillable?: boolean;
}

export interface ComplexTypeDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  /** Transfer objects are `final="extension restriction"` in the live WSDL. */
  readonly final: boolean;
}

export interface EnumTypeDef {
  readonly name: string;
  readonly values: readonly string[];
}

export interface OperationDef {
  readonly name: string;
  readonly params: readonly FieldDef[];
  /** The `return` element of the response wrapper; undefined for void operations. */
  readonly returns?: FieldDef;
  /** Declared faults (element name = type name), e.g. NotAuthorisedException. */
  readonly faults?: readonly string[];
}

export interface ServiceDef {
  /** Path segment under /ws/, e.g. ScheduleService. */
  readonly path: string;
  /** The JAX-WS implementation class name, e.g. ScheduleWs. */
  readonly className: string;
  /** Whether the endpoint has the WSS4J UsernameToken interceptor. */
  readonly secured: boolean;
  readonly operations: readonly OperationDef[];
}

/** An optional element (minOccurs=0). */
export function opt(name: string, type: FieldType): FieldDef {
  return { name, type, optional: true };
}

/** A required primitive (int, boolean): always written, defaults to 0/false when absent. */
export function req(name: string, type: FieldType): FieldDef {
  return { name, type, optional: false };
}

/** A repeated element (minOccurs=0 maxOccurs=unbounded). */
export function many(name: string, type: FieldType, nillable = false): FieldDef {
  return { name, type, optional: true, many: true, nillable };
}

/** The `return` element of an operation. */
export const returnsOne = (type: FieldType): FieldDef => opt('return', type);
export const returnsRequired = (type: FieldType): FieldDef => req('return', type);
export const returnsMany = (type: FieldType): FieldDef => many('return', type);

/** JAXB orders the properties of a bean alphabetically. */
export function transferType(name: string, fields: FieldDef[]): ComplexTypeDef {
  const sorted = [...fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name, fields: sorted, final: true };
}

export function isTnsType(type: FieldType): type is `tns:${string}` {
  return type.startsWith('tns:');
}

export function tnsName(type: `tns:${string}`): string {
  return type.slice(4);
}
