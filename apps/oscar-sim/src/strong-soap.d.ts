/** strong-soap ships no types; the simulator's tests use a small part of it. */
declare module 'strong-soap' {
  export interface SoapClient {
    setSecurity(security: unknown): void;
    describe(): Record<string, Record<string, Record<string, unknown>>>;
    [operation: string]: unknown;
  }
  const strongSoap: {
    soap: {
      createClient(url: string, options: Record<string, unknown>, callback: (err: Error | null, client: SoapClient) => void): void;
    };
    WSSecurity: new (username: string, password: string, options?: Record<string, unknown>) => unknown;
  };
  export default strongSoap;
}
