import type { X509Certificate } from 'node:crypto';

/** The names a certificate covers: its subject CN and DNS subject alternative names, lowercased (WHM's and the cPanel door's SSL functions). */
export function certificateNames(cert: X509Certificate): string[] {
  const names = new Set<string>();
  const cn = /CN=([^\n,]+)/.exec(cert.subject)?.[1];
  if (cn) names.add(cn.trim().toLowerCase());
  for (const part of (cert.subjectAltName ?? '').split(',')) {
    const m = /DNS:(.+)/.exec(part.trim());
    if (m) names.add(m[1].toLowerCase());
  }
  return [...names];
}
