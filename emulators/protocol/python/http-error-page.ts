import { escapeXmlText } from '../../../kernel/escape.js';
import type { PanelResponse } from '../../core/types.js';

/**
 * What Python's SimpleXMLRPCServer answers to any HTTP method but POST: its
 * handler defines only do_POST, so BaseHTTPRequestHandler sends 501 with its
 * stock HTML page (Python 3.11 layout, byte-checked against
 * fixtures/captures/xmlrpc/python-simplexmlrpcserver/get.response.http).
 */
export function pythonUnsupportedMethod(httpMethod: string): PanelResponse {
  // BaseHTTPRequestHandler escapes the message with html.escape(quote=False).
  const method = escapeXmlText(httpMethod);
  const body = Buffer.from(
    '<!DOCTYPE HTML>\n' +
      '<html lang="en">\n' +
      '    <head>\n' +
      '        <meta charset="utf-8">\n' +
      '        <title>Error response</title>\n' +
      '    </head>\n' +
      '    <body>\n' +
      '        <h1>Error response</h1>\n' +
      '        <p>Error code: 501</p>\n' +
      `        <p>Message: Unsupported method ('${method}').</p>\n` +
      '        <p>Error code explanation: 501 - Server does not support this operation.</p>\n' +
      '    </body>\n' +
      '</html>\n',
    'utf8',
  );
  return {
    status: 501,
    headers: {
      connection: 'close',
      'content-type': 'text/html;charset=utf-8',
      'content-length': String(body.length),
    },
    body,
  };
}
