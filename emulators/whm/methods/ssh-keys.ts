import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { getAccount } from '../store/accounts.js';
import { MAX_LIST_ENTRIES, readList, sshKeysList, writeList } from '../store/stored-settings.js';

/*
 * Root's and the accounts' SSH keys (seed 004, "Authentication / SSH Keys and Connections"): importsshkey and
 * deletesshkey write, listsshkeys shows them, kept as a bounded list per
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

export const sshKeyMethods = defineMethods<WhmCall>({
  importsshkey: { acl: 'root', run: importsshkey },
  listsshkeys: { acl: 'root', run: listsshkeys },
  deletesshkey: { acl: 'root', run: deletesshkey },
});
