// Namespace URIs and the prefixes PHP's ext/soap gives them (php_soap.h, php_encoding.h).

export const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
export const SOAP11_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
export const SOAP12_ENC = 'http://www.w3.org/2003/05/soap-encoding';
export const SOAP12_RPC = 'http://www.w3.org/2003/05/soap-rpc';
export const XSD = 'http://www.w3.org/2001/XMLSchema';
export const XSD_1999 = 'http://www.w3.org/1999/XMLSchema';
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Apache SOAP's namespace for `Map` (item/key/value), which ext/soap uses for associative arrays. */
export const APACHE_SOAP = 'http://xml.apache.org/xml-soap';
export const SOAP11_ACTOR_NEXT = 'http://schemas.xmlsoap.org/soap/actor/next';
export const SOAP12_ROLE_NEXT = 'http://www.w3.org/2003/05/soap-envelope/role/next';
export const SOAP12_ROLE_ULTIMATE = 'http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver';

/** SOAP 1.1 (`SOAP-ENV`) or 1.2 (`env`): the request's version decides the answer's. */
export type SoapVersion = 1 | 2;

/** ext/soap's defEncNs: namespaces with a fixed prefix; any other gets `ns<N>` in order of first use. */
export const KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  [XSD_1999]: 'xsd',
  [XSD]: 'xsd',
  [XSI]: 'xsi',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  [SOAP11_ENC]: 'SOAP-ENC',
  [SOAP12_ENC]: 'enc',
};

export function envelopeNs(version: SoapVersion): string {
  return version === 2 ? SOAP12_ENV : SOAP11_ENV;
}

export function envelopePrefix(version: SoapVersion): string {
  return version === 2 ? 'env' : 'SOAP-ENV';
}

export function encodingNs(version: SoapVersion): string {
  return version === 2 ? SOAP12_ENC : SOAP11_ENC;
}
