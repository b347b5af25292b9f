import { faults, reasons, type WhmFault } from '../faults.js';
import type { WhmReplyOptions } from './reply.js';

/*
 * WHM API 0: what WHM answers a call without `api.version=1` (cpanel-lib
 * sends none). Only functions whose API 0 body is established from public
 * recordings answer it: the shapes below follow responses a real WHM 11.28
 * server gave, recorded in envato-archive/lumberg spec/vcr_cassettes/whm/*.yml
 * (file named per entry). Every other function answers API 0 callers with
 * WHM's "Unknown App Requested" error plus a hint to send api.version=1
 * (reasons.legacyOnlyApi1). Values come from the same state as the API 1
 * answer; only the wrapping differs.
 */

type Reply = Required<Pick<WhmReplyOptions, 'reason'>> & { data?: unknown; metadata?: Record<string, unknown> };

export interface LegacyShape {
  ok(reply: Reply): unknown;
  /** The failure body; default `{result: [{status: 0, statusmsg}]}`. */
  fail?(reason: string): unknown;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const raw = (r: Reply): unknown => (obj(r.metadata?.output).raw as string | undefined) ?? null;

/** `{result: [{status: 1, statusmsg}]}`: the API 0 answer of most mutators (adddns.yml, setresellerlimits.yml…). */
const statusResult = (statusmsg?: string | null, extra: (r: Reply) => Record<string, unknown> = () => ({})): LegacyShape => ({
  ok: (r) => ({ result: [{ status: 1, statusmsg: statusmsg === undefined ? r.reason : statusmsg, ...extra(r) }] }),
});

/** The data's keys beside `status`/`statusmsg` (listaccts.yml: `{"status":1,"statusmsg":"Ok","acct":[…]}`). */
const withStatus = (statusmsg = 'Ok', rename: Record<string, string> = {}): LegacyShape => ({
  ok: (r) => {
    const data = obj(r.data);
    const out: Record<string, unknown> = { status: 1, statusmsg };
    for (const [k, v] of Object.entries(data)) out[rename[k] ?? k] = v;
    return out;
  },
});

/** The data itself, unwrapped (version.yml `{"version":"11.28.64"}`, gethostname.yml, listzones.yml). */
const bare: LegacyShape = { ok: (r) => r.data ?? {} };

const bwlimitOf = (r: Reply) => {
  const first = (obj(r.data).bwlimits as Record<string, unknown>[] | undefined)?.[0] ?? {};
  return { ...first, bwlimit: String(first.bwlimit ?? 0) };
};

export const legacyShapes: Record<string, LegacyShape> = {
  // server/version.yml, server/gethostname.yml, server/applist.yml, dns/listzones.yml, reseller/listresellers.yml
  version: bare,
  gethostname: bare,
  applist: bare,
  listzones: bare,
  listresellers: bare,
  // dns/lookupnsip.yml: {"ip": "192.1.2.3"}
  lookupnsip: bare,
  // account/listaccts.yml, account/accountsummary.yml (failure: {"status":0,"statusmsg":"Account does not exist","acct":null})
  listaccts: withStatus(),
  accountsummary: { ...withStatus(), fail: (reason) => ({ status: 0, statusmsg: reason.replace(/\.$/, ''), acct: null }) },
  // account/listsuspended.yml: {"status":1,"statusmsg":"Ok","accts":[{reason, unixtime, owner, user, time}]}
  listsuspended: {
    ok: (r) => ({
      status: 1,
      statusmsg: 'Ok',
      accts: ((obj(r.data).account as Record<string, unknown>[]) ?? []).map((a) => ({
        reason: a.reason,
        unixtime: String(a.unixtime),
        owner: a.owner,
        user: a.user,
        time: a.time,
      })),
    }),
  },
  // account/createacct.yml: {"result":[{"status":1,"statusmsg":"Account Creation Ok","rawout":"…","options":{…}}]}
  createacct: {
    ok: (r) => ({ result: [{ status: 1, statusmsg: r.reason, rawout: raw(r), options: r.data ?? null }] }),
    fail: (reason) => ({ result: [{ status: 0, statusmsg: reason, rawout: null, options: null }] }),
  },
  // account/removeacct.yml: {"result":[{"status":1,"statusmsg":"removeme account removed","rawout":"…"}]}
  removeacct: { ...statusResult(undefined, (r) => ({ rawout: raw(r) })), fail: (reason) => ({ result: [{ status: 0, statusmsg: reason, rawout: null }] }) },
  // account/suspend.yml and unsuspend.yml: statusmsg carries the script output
  suspendacct: { ok: (r) => ({ result: [{ status: 1, statusmsg: raw(r) ?? r.reason }] }) },
  unsuspendacct: { ok: (r) => ({ result: [{ status: 1, statusmsg: raw(r) ?? r.reason }] }) },
  // account/changepackage.yml
  changepackage: {
    ok: (r) => ({ result: [{ status: 1, statusmsg: `Account Upgrade/Downgrade Complete`, rawout: raw(r) }] }),
    fail: (reason) => ({ result: [{ status: 0, statusmsg: reason, rawout: null }] }),
  },
  // account/modifyacct.yml: {"result":[{"newcfg":{setshell, domain, user, cpuser},"status":1,"statusmsg":"Account Modified","warnings":[],"messages":[]}]}
  modifyacct: {
    ok: (r) => {
      const out = obj(r.metadata?.output);
      return { result: [{ newcfg: r.data ?? null, status: 1, statusmsg: r.reason, warnings: out.warnings ?? [], messages: out.messages ?? [] }] };
    },
    fail: (reason) => ({ result: [{ newcfg: null, status: 0, statusmsg: reason, warnings: null, messages: null }] }),
  },
  // account/passwd.yml: {"passwd":[{"status":1,"services":[{"app":"system"},…],"statusmsg":"Password changed for user changeme","rawout":"…"}]}
  passwd: {
    ok: (r) => ({
      passwd: [
        {
          status: 1,
          services: ((obj(r.data).app as string[]) ?? []).map((app) => ({ app })),
          statusmsg: r.reason.replace(/[“”]/g, '').replace(/\.$/, ''),
          rawout: '',
        },
      ],
    }),
    fail: (reason) => ({ passwd: [{ status: 0, services: null, statusmsg: reason, rawout: null }] }),
  },
  // account/limitbw.yml: {"result":[{"status":1,"statusmsg":"Bandwidth Limit for changeme set to 99999","bwlimit":{…}}]}
  limitbw: { ok: (r) => ({ result: [{ status: 1, statusmsg: r.reason, bwlimit: bwlimitOf(r) }] }) },
  // account/editquota.yml: {"result":[{"status":1,"statusmsg":"Set quota for user."}],"output":"…"}
  editquota: {
    ok: (r) => ({ result: [{ status: 1, statusmsg: r.reason }], output: '' }),
    fail: (reason) => ({ result: [{ status: 0, statusmsg: reason }], output: null }),
  },
  // account/domainuserdata.yml: {"result":[{"status":1,"statusmsg":"Obtained userdata."}],"userdata":{…}}
  domainuserdata: { ok: (r) => ({ result: [{ status: 1, statusmsg: r.reason }], userdata: obj(r.data).userdata ?? null }) },
  // server/showbw.yml: {"bandwidth":[{reseller, month, acct, totalused, year}]}
  showbw: { ok: (r) => ({ bandwidth: [r.data ?? {}] }) },
  // account/myprivs.yml: {"privs":{…}}
  myprivs: { ok: (r) => ({ privs: ((obj(r.data).privileges as unknown[]) ?? [])[0] ?? {} }) },
  // server/listips.yml: {"result":[{ip rows}]}
  listips: { ok: (r) => ({ result: obj(r.data).ip ?? [] }) },
  // dns/adddns.yml, addzonerecord.yml, editzonerecord.yml, removezonerecord.yml, resetzone.yml
  adddns: statusResult(),
  addzonerecord: statusResult(),
  editzonerecord: statusResult(),
  removezonerecord: statusResult(),
  resetzone: statusResult(),
  savemxs: statusResult(),
  // dns/killdns.yml: {"result":[{"status":1,"statusmsg":"Zones Removed","rawout":"…"}]}
  killdns: statusResult(undefined, (r) => ({ rawout: raw(r) })),
  // dns/dumpzone.yml: {"result":[{"status":1,"record":[…],"statusmsg":"Zone Serialized"}]}
  dumpzone: { ok: (r) => ({ result: [{ status: 1, record: obj(r.data).zone ?? [], statusmsg: r.reason }] }) },
  // dns/getzonerecord.yml: {"result":[{"status":1,"record":{…},"statusmsg":"Record obtained."}]}
  getzonerecord: { ok: (r) => ({ result: [{ status: 1, record: ((obj(r.data).record as unknown[]) ?? [])[0] ?? null, statusmsg: r.reason }] }) },
  // reseller/setupreseller.yml and unsetupreseller.yml: {"result":[{"status":1,"statusmsg":null}]}
  setupreseller: statusResult(null),
  unsetupreseller: statusResult(null),
  // reseller/setacls.yml: {"result":[{"status":1,"statusmsg":"Reseller Acls Saved","acls":[…]}]}
  setacls: {
    ok: (r) => ({ result: [{ status: 1, statusmsg: 'Reseller Acls Saved', acls: obj(r.data).acl ?? [] }] }),
    fail: (reason) => ({ result: [{ status: 0, statusmsg: reason, acls: [] }] }),
  },
  // reseller/listacls.yml: {"acls":{"name":{"privilege":"0"|"1",…}}}
  listacls: {
    ok: (r) => ({
      acls: Object.fromEntries(
        ((obj(r.data).acl as { name: string; privileges: Record<string, number> }[]) ?? []).map((l) => [
          l.name,
          Object.fromEntries(Object.entries(l.privileges).map(([k, v]) => [k, String(v)])),
        ]),
      ),
    }),
  },
  // reseller/saveacllist.yml: {"results":[{"status":1,"statusmsg":"ACL List testacllist saved."}]}
  saveacllist: { ok: (r) => ({ results: [{ status: 1, statusmsg: r.reason }] }), fail: (reason) => ({ results: [{ status: 0, statusmsg: reason }] }) },
  // reseller/acctcounts.yml: {"reseller":{…},"result":[{"status":1,"statusmsg":"Obtained reseller account counts."}]}
  acctcounts: { ok: (r) => ({ reseller: obj(r.data).reseller ?? null, result: [{ status: 1, statusmsg: 'Obtained reseller account counts.' }] }) },
  // reseller/resellerstats.yml: {"result":{…,"status":1,"statusmsg":"Fetched Reseller Data OK"}}
  resellerstats: {
    ok: (r) => ({ result: { ...obj(obj(r.data).reseller), status: 1, statusmsg: 'Fetched Reseller Data OK' } }),
    fail: (reason) => ({ result: { status: 0, statusmsg: reason } }),
  },
  // reseller/*.yml: status messages of the reseller setters
  setresellerlimits: statusResult('Successfully set reseller account creation limits.'),
  setresellerips: statusResult('Successfully configured IP addresses delegation to reseller.'),
  setresellermainip: statusResult('Successfully set main IP address of the reseller.'),
  setresellernameservers: statusResult('Set resellers nameservers.'),
  setresellerpackagelimit: statusResult('Successfully set reseller package limit.'),
  suspendreseller: { ok: (r) => ({ result: [{ status: 1, statusmsg: 'Finished suspending reseller.' }], output: raw(r) ?? '' }) },
  unsuspendreseller: { ok: (r) => ({ result: [{ status: 1, statusmsg: 'Finished unsuspending reseller.' }], output: raw(r) ?? '' }) },
  // reseller/terminatereseller.yml: {"result":[{"status":1,"privdelete":1,"statusmsg":"Account Terminations Complete","accts":{…}}]}
  terminatereseller: { ok: (r) => ({ result: [{ status: 1, privdelete: 1, statusmsg: 'Account Terminations Complete', accts: obj(r.data).accts ?? {} }] }) },
  // account/setsiteip.yml: {"result":[{"status":1,"statusmsg":"OK"}]}
  setsiteip: statusResult('OK'),
  // server/delip.yml: {"delip":[{"status":1,"statusmsg":"… has been removed.","warnings":[…]}]}
  delip: {
    ok: (r) => ({ delip: [{ status: 1, statusmsg: r.reason, warnings: [] }] }),
    fail: (reason) => ({ delip: [{ status: 0, statusmsg: reason, warnings: [] }] }),
  },
  // server/sethostname.yml: {"sethostname":[{"status":1,"statusmsg":"Hostname Changed to: myhost.com","msgs":"…","warns":[]}]}
  sethostname: {
    ok: (r) => ({ sethostname: [{ status: 1, statusmsg: r.reason, msgs: '', warns: [] }] }),
    fail: (reason) => ({ sethostname: [{ status: 0, statusmsg: reason, msgs: '', warns: [] }] }),
  },
  // server/setresolvers.yml: {"setresolvers":[{"status":1,"statusmsg":"Your resolvers have been setup!","msgs":[…],"warns":null}]}
  setresolvers: {
    ok: (r) => ({
      setresolvers: [
        {
          status: 1,
          statusmsg: 'Your resolvers have been setup!',
          msgs: String(obj(r.metadata?.output).messages ?? '')
            .split('\n')
            .filter(Boolean),
          warns: null,
        },
      ],
    }),
  },
  // cert/installssl.yml: {"status":1,"statusmsg":"…","rawout":"…"}
  installssl: {
    ok: (r) => ({ status: 1, statusmsg: r.reason, rawout: obj(r.data).html ?? '' }),
    fail: (reason) => ({ status: 0, statusmsg: reason, rawout: null }),
  },
  // cert/listcrts.yml: {"crt":[{"domain":…}]}
  listcrts: bare,
};

/** The function's API 0 shape, or undefined when it has none established. */
export function legacyShapeOf(fn: string): LegacyShape | undefined {
  return Object.hasOwn(legacyShapes, fn) ? legacyShapes[fn] : undefined;
}

/** API 0 callers of these get the answer the function builds itself (the `cpanel` passthrough answers in the called API's format). */
const nativeLegacy = new Set<string>(['cpanel']);

/** True when an API 0 call of the function gets an answer: its legacy shape is established here, or it builds one itself. */
export function servesApi0(fn: string): boolean {
  return nativeLegacy.has(fn) || legacyShapeOf(fn) !== undefined;
}

/** WHM's unknown-app answer, with mockpanel's hint, to an API 0 call of a function it does not serve in API 0. */
export function api0Refusal(fn: string): WhmFault {
  return faults.legacyOnlyApi1(fn).with({ legacy: { error: reasons.legacyOnlyApi1(fn) } });
}
