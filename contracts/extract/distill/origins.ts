import { RESEARCH, SEEDS } from '../source-files.js';

/**
 * The public source each shared file stands for, as the file itself (or the
 * research README beside it) names it. Written into every fact file's
 * provenance so a reader can go to the documents without the workspace.
 */
export const ORIGINS: Record<string, string> = {
  [SEEDS.webfaction]: 'WebFaction XML-RPC API reference, version-1 era (endpoint https://api.webfaction.com/)',
  [SEEDS.gandi]: 'Gandi Hosting XML-RPC API specification, documents version 1.0 (endpoint https://api.gandi.net/hosting/)',
  [SEEDS.gandiShort]: 'a shorter copy of the Gandi Hosting XML-RPC API 1.0 specification (endpoint https://api.gandi.net/xmlrpc/)',
  [SEEDS.ispconfig]: 'README of ispconfig-py, a Python SDK for the ISPConfig 3 remote API',
  [SEEDS.whm]:
    'cPanel WHM API 1 reference, the Redoc page https://www.trycpanel.net/whm.openapi.html (current spec: https://api.docs.cpanel.net/specifications/whm.openapi)',
  [RESEARCH.webfaction]:
    'seed 000 as data, plus the later API surface seen in public clients: fortytwostudio/webfaction-php, brmc/dart-webfaction-api, will-in-wi/letsencrypt-webfaction, dariosky/wfcli',
  [RESEARCH.webfactionRealworld]:
    'public WebFaction and Gandi client code, each fact naming its repository (e.g. ansible webfaction_* modules, dominicrodger/pywebfaction, pickabee/gandirb, jerome/gandi, gitpan/Net-DRI)',
  [RESEARCH.gandi]: 'seeds 001 and 003 as data; the error-code scheme recovered from the Gandi 1.0 error-codes page and later Gandi client code',
  [RESEARCH.ispconfig]:
    'ISPConfig 3.2.11 PHP source (tag 3.2.11, commit 7c9b20659f960dc5bdd6209f21ed5c6b552fc47e of github.com/AVENTER-UG/ispconfig3, a mirror of git.ispconfig.org/ispconfig/ispconfig3): interface/lib/classes/remote.d/*.inc.php and remoting.inc.php',
  [RESEARCH.ispconfigProtocol]:
    'ISPConfig 3.2.11 remote API wire behaviour, read from its PHP source and checked against the unmodified 3.2.11 interface code under PHP 8.2',
  [RESEARCH.ispconfigSummary]: 'ISPConfig 3.2.11 PHP source (remote.d/*.inc.php), summarised',
  [RESEARCH.whm]: 'seed 004 parsed: https://www.trycpanel.net/whm.openapi.html',
  [RESEARCH.whmTiers]: 'emulation priority per WHM function, chosen for mockpanel (no public origin)',
  [RESEARCH.whmSummary]: "seed 004 and cPanel's documentation at https://api.docs.cpanel.net/",
};
