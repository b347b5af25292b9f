// The application under test in the examples: code a user of mockpanel would own. It knows nothing of
// mockpanel; it talks to the panels at whatever URLs it is configured with.
import xmlrpc from 'xmlrpc';

export interface PanelConfig {
  /** WHM's base URL, e.g. `https://whm.example.com:2087`. */
  whmUrl: string;
  /** A WHM API token of `root`. */
  whmToken: string;
  /** WebFaction's XML-RPC endpoint, e.g. `https://api.webfaction.com/`. */
  webfactionUrl: string;
  webfactionUser: string;
  webfactionPassword: string;
}

export interface Customer {
  /** cPanel user name: lower case letters and digits, at most 16 characters. */
  user: string;
  domain: string;
}

/** Gives a new customer a cPanel account on WHM and a mailbox at WebFaction; returns the mailbox name. */
export async function onboardCustomer(config: PanelConfig, customer: Customer): Promise<{ mailbox: string }> {
  const query = new URLSearchParams({ 'api.version': '1', username: customer.user, domain: customer.domain });
  const response = await fetch(`${config.whmUrl}/json-api/createacct?${query}`, { headers: { authorization: `whm root:${config.whmToken}` } });
  const reply = (await response.json()) as { metadata: { result: number; reason: string } };
  if (reply.metadata.result !== 1) throw new Error(`WHM refused the account: ${reply.metadata.reason}`);

  const mailbox = `${customer.user}_mail`;
  const url = new URL(config.webfactionUrl);
  const options = { host: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80), path: url.pathname };
  const client = url.protocol === 'https:' ? xmlrpc.createSecureClient(options) : xmlrpc.createClient(options);
  const call = <T>(method: string, ...params: unknown[]) =>
    new Promise<T>((resolve, reject) => client.methodCall(method, params, (error: unknown, value: T) => (error ? reject(error) : resolve(value))));
  const [session] = await call<[string, unknown]>('login', config.webfactionUser, config.webfactionPassword);
  await call('create_mailbox', session, mailbox);
  return { mailbox };
}

/** The cPanel users on the WHM server. */
export async function customerUsers(config: PanelConfig): Promise<string[]> {
  const response = await fetch(`${config.whmUrl}/json-api/listaccts?api.version=1`, { headers: { authorization: `whm root:${config.whmToken}` } });
  const reply = (await response.json()) as { data: { acct: { user: string }[] } };
  return reply.data.acct.map((a) => a.user);
}
