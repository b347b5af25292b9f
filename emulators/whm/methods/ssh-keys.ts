import { takeKeyOrMake } from '../../../kernel/key-pool.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { getAccount } from '../store/accounts.js';
import { MAX_LIST_ENTRIES, readList, sshKeysList, writeList } from '../store/stored-settings.js';
import { keySpec, privateKeyPem, publicKeyLine, puttyKeyFile, readPrivateKey } from '../ssh-key-pairs.js';

/*
 * Root's and the accounts' SSH keys (seed 004, "Authentication / SSH Keys and Connections"): importsshkey,
 * generatesshkeypair (a real key pair, ssh-key-pairs.ts) and deletesshkey
 * write, authorizesshkey marks a public key authorized, listsshkeys shows
 * them, convertopensshtoputty reads a private one; kept as a bounded list per
 * user. The answers keep the documented samples' keys; wording marked
 * inferred is ours.
 */

const tooMany = (what: string) => faults.listFull(MAX_LIST_ENTRIES, what);

interface SshKey {
  file: string;
  text: string;
  private: 0 | 1;
  comment: string;
  ctime: number;
  mtime: number;
  authorized: 0 | 1;
}

const KEY_FILE = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_KEY_TEXT = 16 * 1024;

function sshKeys(call: WhmCall, user: string): SshKey[] {
  return readList<SshKey[]>(call.db, sshKeysList(user), []);
}

/** Whose ~/.ssh the call acts on: its `user`, which must be the caller or, for root, an account (inferred). */
function keyOwner(call: WhmCall): string {
  const user = call.str('user') || call.session.user;
  if (user === call.session.user) return user;
  if (!call.session.root) throw faults.rootOnlyArgument('user');
  if (user !== 'root' && !getAccount(call.db, user)) throw faults.noSuchUser(user);
  return user;
}

function importsshkey(call: WhmCall): unknown {
  const user = keyOwner(call);
  const name = call.required('name');
  const text = call.required('key').trim();
  if (!KEY_FILE.test(name)) throw faults.invalidParameter('name', name.slice(0, 100), 'a file name of letters, digits, “.”, “_” and “-”');
  if (!text || text.length > MAX_KEY_TEXT) throw faults.invalidParameter('key', `${text.slice(0, 40)}…`, 'an SSH key');
  const keys = sshKeys(call, user);
  if (keys.some((k) => k.file === name)) throw faults.sshKeyExists(name);
  if (keys.length >= MAX_LIST_ENTRIES) throw tooMany('SSH keys');
  const isPrivate = /PRIVATE KEY/.test(text);
  const comment = isPrivate ? '' : (text.split(/\s+/).slice(2).join(' ') ?? '');
  keys.push({ file: name, text, private: isPrivate ? 1 : 0, comment, ctime: call.now(), mtime: call.now(), authorized: 0 });
  writeList(call.db, sshKeysList(user), keys);
  return undefined;
}

function listsshkeys(call: WhmCall): unknown {
  const user = call.session.user;
  const files = call
    .str('files')
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const wantPublic = call.sent('public') ? call.bool('public') : true;
  const wantPrivate = call.sent('private') ? call.bool('private') : true;
  const keys = sshKeys(call, user)
    .filter((k) => !files?.length || files.includes(k.file))
    .filter((k) => (k.private ? wantPrivate : wantPublic))
    .map((k) => {
      // The texts only when asked for (public_texts / private_texts), as the parameters' names say (inferred).
      const withText = k.private ? call.bool('private_texts') : call.bool('public_texts');
      return {
        authorized: k.authorized,
        comment: k.comment,
        ctime: k.ctime,
        file: k.file,
        mtime: k.mtime,
        private: k.private,
        ...(withText ? { text: k.text } : {}),
      };
    });
  return { keys };
}

function deletesshkey(call: WhmCall): unknown {
  const user = keyOwner(call);
  const file = call.required('file');
  const keys = sshKeys(call, user);
  const left = keys.filter((k) => k.file !== file);
  if (left.length === keys.length) throw faults.noSuchSshKey(file);
  writeList(call.db, sshKeysList(user), left);
  return { file: `${user === 'root' ? '/root' : `/home/${user}`}/.ssh/${file}` };
}

/** generatesshkeypair: `name` (private) and `name.pub`, as ssh-keygen writes them (Cpanel::SSH::_genkey). */
function generatesshkeypair(call: WhmCall): unknown {
  const user = keyOwner(call);
  const algorithm = call.str('algorithm');
  if (algorithm && !['rsa2', 'rsa', 'dsa'].includes(algorithm)) throw faults.invalidParameter('algorithm', algorithm.slice(0, 40), 'rsa2 or dsa');
  const spec = keySpec(algorithm, call.str('bits'));
  if (!spec) throw faults.invalidParameter('bits', call.str('bits') ?? '', 'an accepted size for the algorithm (rsa2: 1024, 2048 or 4096; dsa: 1024)');
  const name = call.strOr('name', spec.type === 'dsa' ? 'id_dsa' : 'id_rsa');
  if (!KEY_FILE.test(name)) throw faults.invalidParameter('name', name.slice(0, 100), 'a file name of letters, digits, “.”, “_” and “-”');
  const comment = (call.str('comment') ?? '').slice(0, 255);
  const passphrase = call.str('passphrase') ?? '';
  const files = [name, `${name}.pub`];
  let keys = sshKeys(call, user);
  if (keys.some((k) => files.includes(k.file))) {
    if (call.bool('abort_on_existing_key', true)) throw faults.sshKeyPairExists(name);
    keys = keys.filter((k) => !files.includes(k.file));
  }
  if (keys.length + 2 > MAX_LIST_ENTRIES) throw tooMany('SSH keys');
  const key = takeKeyOrMake(spec);
  const now = call.now();
  keys.push(
    { file: name, text: privateKeyPem(key, passphrase), private: 1, comment: '', ctime: now, mtime: now, authorized: 0 },
    { file: `${name}.pub`, text: publicKeyLine(key, comment), private: 0, comment, ctime: now, mtime: now, authorized: 0 },
  );
  writeList(call.db, sshKeysList(user), keys);
  // Whostmgr::API::1::SSH takes the fingerprint from ssh-keygen's output only when it is hex pairs with colons;
  // today's ssh-keygen prints "SHA256:…", so the reference's sample shows null.
  return { fingerprint: null, name };
}

/**
 * authorizesshkey: the public key `file` (or, when `text` names none of the
 * files, the stored public key with that text) goes into, or with authorize=0
 * out of, authorized_keys; listsshkeys shows `authorized`.
 */
function authorizesshkey(call: WhmCall): unknown {
  const user = keyOwner(call);
  const file = call.required('file');
  const authorize = call.bool('authorize') ? 1 : 0;
  const text = call.str('text')?.trim();
  const keys = sshKeys(call, user);
  const sameKey = (k: SshKey) => !!text && k.text.split(/\s+/).slice(0, 2).join(' ') === text.split(/\s+/).slice(0, 2).join(' ');
  const key = keys.find((k) => !k.private && k.file === file) ?? keys.find((k) => !k.private && sameKey(k));
  if (!key) throw faults.noSuchSshKey(file);
  key.authorized = authorize;
  key.mtime = call.now();
  writeList(call.db, sshKeysList(user), keys);
  return { authorized: authorize, file: key.file };
}

/** convertopensshtoputty: the stored private key `file` as a PuTTY .ppk text, encrypted with the same passphrase; keep_file=0 deletes the OpenSSH file. */
function convertopensshtoputty(call: WhmCall): unknown {
  const user = keyOwner(call);
  const file = call.required('file');
  const passphrase = call.str('passphrase') ?? '';
  const keys = sshKeys(call, user);
  const stored = keys.find((k) => k.file === file);
  if (!stored) throw faults.noSuchSshKey(file);
  const key = stored.private ? readPrivateKey(stored.text, passphrase) : undefined;
  if (!key) throw faults.sshKeyUnreadable(file);
  // PuTTYgen's comment for an imported OpenSSH PEM key, which carries none (the reference's sample).
  const ppk = puttyKeyFile(key, passphrase, 'imported-openssh-key');
  if (!call.bool('keep_file', true)) {
    writeList(
      call.db,
      sshKeysList(user),
      keys.filter((k) => k !== stored),
    );
  }
  return { key: ppk };
}

export const sshKeyMethods = defineMethods<WhmCall>({
  importsshkey: { acl: 'root', run: importsshkey },
  listsshkeys: { acl: 'root', run: listsshkeys },
  deletesshkey: { acl: 'root', run: deletesshkey },
  generatesshkeypair: { acl: 'root', run: generatesshkeypair },
  authorizesshkey: { acl: 'root', run: authorizesshkey },
  convertopensshtoputty: { acl: 'root', run: convertopensshtoputty },
});
