/**
 * A number that must go out as `<double>` even when it is whole. A JS number
 * cannot say whether `1` is an int or a float, and the XML-RPC encoder sends
 * whole numbers as `<int>`; Gandi's successor API sent cores and bandwidth
 * as `<double>` (apache/libcloud's 2011 Gandi fixtures), so a handler
 * that wants `1.0` on the wire returns `new XmlRpcDouble(1)`.
 */
export class XmlRpcDouble {
  constructor(readonly value: number) {}
}
