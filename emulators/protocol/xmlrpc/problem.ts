/**
 * What went wrong below the panel: the request could not be read as an
 * XML-RPC call, or a handler's answer could not be written as XML-RPC.
 *
 * `pythonException` names the exception Python's SimpleXMLRPCDispatcher
 * would have caught for the same input, so a panel whose real server was
 * Python can word the fault the way that server did
 * (`"%s:%s" % (exc_type, exc_value)`, Python's SimpleXMLRPCDispatcher; seen in jerivas/mezzanine-webf issue #8 and parsed by dominicrodger/pywebfaction exceptions.py).
 */
export interface XmlRpcProblem {
  kind:
    | 'http-method'
    | 'body-too-large'
    | 'content-encoding'
    | 'charset'
    | 'doctype'
    | 'not-well-formed'
    | 'too-deep'
    | 'not-method-call'
    | 'unknown-tag'
    | 'bad-value'
    | 'out-of-range'
    | 'cannot-marshal';
  pythonException: string;
}

/**
 * Thrown by the XML-RPC parse and serialize functions; the codec turns it
 * into the panel's fault. Never leaves the protocol layer.
 */
export class XmlRpcProtocolError extends Error {
  constructor(
    readonly problem: XmlRpcProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'XmlRpcProtocolError';
  }
}

// Exception classes as Python 3.11 prints them in a dispatcher fault
// (checked against a local SimpleXMLRPCServer, fixtures/captures/xmlrpc/python-simplexmlrpcserver/).
const EXPAT = 'xml.parsers.expat.ExpatError';
const RESPONSE = 'xmlrpc.client.ResponseError';

/** Builds the error for one kind of problem with the matching Python exception name. */
export function xmlRpcError(kind: XmlRpcProblem['kind'], detail: string, pythonException = PYTHON_EXCEPTION[kind]): XmlRpcProtocolError {
  return new XmlRpcProtocolError({ kind, pythonException }, detail);
}

const PYTHON_EXCEPTION: Record<XmlRpcProblem['kind'], string> = {
  'http-method': 'http.server.HTTPStatus',
  'body-too-large': 'MemoryError',
  'content-encoding': 'ValueError',
  charset: EXPAT,
  doctype: EXPAT,
  'not-well-formed': EXPAT,
  'too-deep': 'RecursionError',
  'not-method-call': RESPONSE,
  'unknown-tag': RESPONSE,
  'bad-value': 'ValueError',
  'out-of-range': 'OverflowError',
  'cannot-marshal': 'TypeError',
};
