import type { DB } from '../../state/database.js';
import {
  bytesAt,
  deleteSubtree,
  fileAt,
  filesUnder,
  insertDirectory,
  insertEntry,
  putFile,
  setMode,
  subtreeAt,
  touchEntry,
  type FileRow,
} from './store/files.js';

/** A shell user's home directory on a WebFaction machine. */
export function homeOf(username: string): string {
  return `/home/${username}`;
}

export type FsCode = 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'EACCES' | 'ENOTEMPTY' | 'EINVAL';

/** A file-system error with the errno name the real tools would have reported. */
export class FsError extends Error {
  constructor(
    readonly code: FsCode,
    readonly path: string,
  ) {
    super(`${path}: ${FS_MESSAGES[code]}`);
    this.name = 'FsError';
  }

  /** The strerror() text, as `ls` and Python print it. */
  get reason(): string {
    return FS_MESSAGES[this.code];
  }
}

const FS_MESSAGES: Record<FsCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

export type Entry = FileRow;

/**
 * One account's files, kept in `wf_file` by absolute path. Every path is
 * resolved against a working directory and must stay inside the account's
 * homes (its own and its shell users'): the API ran as the user.
 */
export class HomeTree {
  constructor(
    private readonly db: DB,
    private readonly accountId: number,
    /** Directories the account may touch (its home and its shell users' homes). */
    private readonly roots: string[],
    private readonly nowSeconds: number,
  ) {}

  /** An absolute, normalised path for `path` seen from `cwd`. */
  resolve(path: string, cwd: string): string {
    const parts: string[] = [];
    for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  /** True for paths in the account's homes (the only place the API can write). */
  owns(path: string): boolean {
    return this.roots.some((root) => path === root || path.startsWith(`${root}/`));
  }

  /** `/` and `/home` exist (read-only) on the way to the homes; anything else outside them is not there. */
  private ancestor(path: string): boolean {
    return this.roots.some((root) => path === '/' || root.startsWith(`${path}/`));
  }

  /** The API ran as the user: only the account's homes are writable, and not the home directories themselves. */
  private writable(path: string, shown: string): void {
    if (this.owns(path)) return;
    // Outside the homes only / and /home exist: creating there is refused, anywhere else the directory is missing.
    throw new FsError(this.get(path.slice(0, path.lastIndexOf('/')) || '/') ? 'EACCES' : 'ENOENT', shown);
  }

  private removable(path: string, shown: string): void {
    if (!this.owns(path) || this.roots.includes(path)) throw new FsError('EACCES', shown);
  }

  get(path: string): Entry | undefined {
    if (!this.owns(path)) return this.ancestor(path) ? { path, kind: 'dir', content: null, mode: 0o755, mtime: 0 } : undefined;
    return fileAt(this.db, this.accountId, path);
  }

  require(path: string, shown = path): Entry {
    const entry = this.get(path);
    if (!entry) throw new FsError('ENOENT', shown);
    return entry;
  }

  /** Direct children of a directory, sorted by name. */
  children(dir: string): Entry[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    if (!this.owns(dir)) {
      const names = new Set(this.roots.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length).split('/')[0]));
      return [...names].sort().map((name) => this.get(prefix + name)!);
    }
    return filesUnder(this.db, this.accountId, prefix).filter((r) => !r.path.slice(prefix.length).includes('/'));
  }

  /** Every entry at or below `path`. */
  subtree(path: string): Entry[] {
    return subtreeAt(this.db, this.accountId, path);
  }

  private parentDir(path: string, shown: string): void {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const entry = this.get(parent);
    if (!entry) throw new FsError('ENOENT', shown);
    if (entry.kind !== 'dir') throw new FsError('ENOTDIR', shown);
  }

  /** Writes (or appends to) a file whose directory exists, as Python's open(path, 'w'/'a') does. */
  writeFile(path: string, data: Buffer, append: boolean, shown = path): void {
    const existing = this.get(path);
    if (existing?.kind !== 'dir') this.writable(path, shown);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', shown);
    if (!existing) this.parentDir(path, shown);
    const content = append && existing?.content ? Buffer.concat([existing.content, data]) : data;
    putFile(this.db, this.accountId, path, content, this.nowSeconds);
  }

  readFile(path: string, shown = path): Buffer {
    const entry = this.require(path, shown);
    if (entry.kind === 'dir') throw new FsError('EISDIR', shown);
    return entry.content ?? Buffer.alloc(0);
  }

  mkdir(path: string, parents: boolean, shown = path): void {
    const existing = this.get(path);
    if (existing) {
      if (parents && existing.kind === 'dir') return;
      throw new FsError('EEXIST', shown);
    }
    this.writable(path, shown);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (parents && !this.get(parent) && parent !== '/') this.mkdir(parent, true, shown);
    else this.parentDir(path, shown);
    insertDirectory(this.db, this.accountId, path, this.nowSeconds);
  }

  /** Creates an empty file, or only bumps the time of an existing entry (touch). */
  touch(path: string, shown = path): void {
    this.writable(path, shown);
    if (this.get(path)) {
      touchEntry(this.db, this.accountId, path, this.nowSeconds);
      return;
    }
    this.writeFile(path, Buffer.alloc(0), false, shown);
  }

  remove(path: string, recursive: boolean, shown = path): void {
    const entry = this.require(path, shown);
    this.removable(path, shown);
    if (entry.kind === 'dir' && !recursive) throw new FsError('EISDIR', shown);
    this.deleteSubtree(path);
  }

  /** Removes a home directory and everything in it (delete_user), which the user could not do. */
  dropHome(home: string): void {
    this.deleteSubtree(home);
  }

  private deleteSubtree(path: string): void {
    deleteSubtree(this.db, this.accountId, path);
  }

  chmod(path: string, mode: number, shown = path): void {
    this.require(path, shown);
    this.writable(path, shown);
    setMode(this.db, this.accountId, path, mode);
  }

  /** Copies a file or (recursively) a directory to a path that does not exist yet. */
  copy(from: string, to: string, recursive: boolean, shownFrom = from, shownTo = to): void {
    const source = this.require(from, shownFrom);
    if (source.kind === 'dir' && !recursive) throw new FsError('EISDIR', shownFrom);
    if (to === from || to.startsWith(`${from}/`)) throw new FsError('EINVAL', shownTo);
    if (source.kind === 'file') {
      this.writeFile(to, source.content ?? Buffer.alloc(0), false, shownTo);
      return;
    }
    this.mkdir(to, false, shownTo);
    for (const entry of this.subtree(from).slice(1)) this.insertCopy(entry, to + entry.path.slice(from.length));
  }

  move(from: string, to: string, shownFrom = from, shownTo = to): void {
    this.require(from, shownFrom);
    this.removable(from, shownFrom);
    this.writable(to, shownTo);
    if (to === from || to.startsWith(`${from}/`)) throw new FsError('EINVAL', shownTo);
    if (this.get(to)) this.remove(to, true, shownTo);
    this.parentDir(to, shownTo);
    for (const entry of this.subtree(from)) this.insertCopy(entry, to + entry.path.slice(from.length));
    this.remove(from, true, shownFrom);
  }

  private insertCopy(entry: Entry, path: string): void {
    insertEntry(this.db, this.accountId, path, entry, this.nowSeconds);
  }

  /** Total bytes of the files at or below `path` (list_disk_usage). */
  size(path: string): number {
    return bytesAt(this.db, this.accountId, path);
  }
}
