/** The UAPI result object (`result` of `{apiversion: 3, func, module, result}`). */
export interface CpanelUapiResult<T = unknown> {
  data: T;
  errors: string[] | null;
  messages: string[] | null;
  metadata: Record<string, unknown>;
  status: 0 | 1;
  warnings: string[] | null;
}

/** The API 2 envelope's inner object. */
export interface CpanelApi2Result<T = unknown> {
  apiversion: number;
  func: string;
  module: string;
  data: T[];
  event: { result: 0 | 1 };
  error?: string;
}

/** One zone line from DNS::parse_zone (base64 fields as sent). */
export interface CpanelParsedZoneLine {
  line_index: number;
  type: 'record' | 'comment' | 'control';
  record_type?: string;
  dname_b64?: string;
  data_b64?: string[];
  text_b64?: string;
  ttl?: number;
}

/** A record for DNS::mass_edit_zone `add` / `edit`. */
export interface CpanelMassEditRecord {
  dname: string;
  ttl: number;
  record_type: string;
  data: string[];
  /** For `edit`: the 0-based line the record starts on. */
  line_index?: number;
}

/** A ZoneEdit record (fetchzone_records): dumpzone's fields plus `line` and `record`. */
export interface CpanelZoneRecord {
  Line: number;
  line: number;
  Lines?: number;
  name: string;
  type: string;
  ttl: number;
  class?: string;
  record?: string;
  address?: string;
  cname?: string;
  txtdata?: string;
  exchange?: string;
  preference?: number;
  [field: string]: unknown;
}

export interface CpanelApiToken {
  name: string;
  create_time: number;
  expires_at: number | null;
  has_full_access: number;
}

/** A row of API 2 listsubdomains / listaddondomains / listparkeddomains. */
export interface CpanelDomainListing {
  domain: string;
  dir: string;
  basedir: string;
  reldir: string;
  status: string;
  rootdomain?: string;
  subdomain?: string;
  domainkey?: string;
  fullsubdomain?: string;
}

/** A web vhost as UAPI DomainInfo describes it. */
export interface CpanelVhost {
  domain: string;
  documentroot: string;
  homedir: string;
  ip: string;
  servername: string;
  serveralias: string;
  type: 'main_domain' | 'addon_domain' | 'sub_domain' | 'parked_domain';
  user: string;
  [field: string]: unknown;
}
