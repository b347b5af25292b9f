import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, openFile, openMemory, type DB, type Migration } from './database.js';
import { World } from './world.js';
import { clockChange, stampStart, type ClockOptions, type ClockStart } from './clock.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';

/** A panel's share of every world: its migrations and its seed. */
export interface WorldSchema {
  id: string;
  migrations: Migration[];
  seed(db: DB, ctx: { nowSeconds: number; config: unknown }): void;
}

export interface WorldRegistryOptions {
  schemas: WorldSchema[];
  /** File-backed, persistent worlds in this folder (one `<id>.sqlite` each, WAL); in memory when absent. */
  dataDir?: string;
  /** Journal entries kept per world (a ring). */
  journalLimit?: number;
  /** Per-panel seed sections (`--seed FILE`), keyed by panel id. */
  seedConfig?: Record<string, unknown>;
  /** Where every new world's clock starts (default: the wall clock when the world is made) and whether it is frozen. */
  clock?: ClockStart;
}

const WORLD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SNAPSHOT_NAME = WORLD_ID;

/**
 * The worlds of one server. The seeded state is built once into a template
 * image; creating or resetting a world deserializes it, which takes about a
 * millisecond instead of re-running migrations and seeds.
 */
export class WorldRegistry {
  readonly journalLimit: number;
  private readonly worlds = new Map<string, World>();
  private readonly snapshots = new Map<string, Buffer>();
  private readonly template: Buffer;
  /** In-memory databases opened ahead of time from an image (the template, recent snapshots), schema already parsed. */
  private readonly warm = new Map<Buffer, DB>();
  private readonly warming = new Set<Buffer>();
  /** Set by close(): a warm copy scheduled before it must not be opened after. */
  private closed = false;

  constructor(private readonly options: WorldRegistryOptions) {
    this.journalLimit = options.journalLimit ?? 10_000;
    const db = openMemory();
    migrate(db, options.schemas);
    db.transaction(() => {
      // Seeded rows are dated at the start instant, so a pinned server's seed is the same on any day.
      const nowSeconds = Math.floor((options.clock?.atMs ?? Date.now()) / 1000);
      for (const schema of options.schemas) schema.seed(db, { nowSeconds, config: options.seedConfig?.[schema.id] });
      if (options.clock) stampStart(db, options.clock);
    })();
    this.template = db.serialize();
    db.close();
    if (options.dataDir) this.loadDataDir(options.dataDir);
    if (!this.worlds.has('default')) this.create('default');
  }

  /** Where new worlds' clocks start (no instant: the wall clock) and whether they are frozen. */
  get clockStart(): ClockStart {
    return this.options.clock ?? {};
  }

  get dataDir(): string | undefined {
    return this.options.dataDir;
  }

  get(id: string): World | undefined {
    return this.worlds.get(id);
  }

  require(id: string): World {
    const world = this.worlds.get(id);
    if (!world) throw new MockpanelError('world_not_found', `No world "${id}". Create it with POST /_admin/worlds {"id":"${id}"}.`, 404);
    return world;
  }

  list(): string[] {
    return [...this.worlds.keys()];
  }

  /**
   * Creates a world from the seeded template, or from a named snapshot; `clock`
   * sets this world's clock instead of the server's start (or the snapshot's instant).
   */
  create(id?: string, from?: string, clock?: ClockOptions): World {
    const change = clock && clockChange(clock, 'clock.at');
    const worldId = id ?? `w-${Math.random().toString(36).slice(2, 10)}`;
    if (!WORLD_ID.test(worldId)) {
      throw new MockpanelError('bad_world_id', `World id "${worldId}" is not allowed: use 1–64 of A-Z a-z 0-9 . _ - (starting with a letter or digit).`);
    }
    if (this.worlds.has(worldId)) throw new MockpanelError('world_exists', `World "${worldId}" exists already; DELETE it first or reset it.`, 409);
    const image = from === undefined ? this.template : this.snapshot(from);
    let world: World;
    if (this.options.dataDir) {
      const file = join(this.options.dataDir, `${worldId}.sqlite`);
      writeFileSync(file, image);
      world = new World(worldId, this.openPersistent(file), file, this.journalLimit);
    } else {
      world = new World(worldId, this.openWarm(image), undefined, this.journalLimit);
    }
    if (change) world.clock.configure(change);
    this.worlds.set(worldId, world);
    return world;
  }

  delete(id: string): void {
    const world = this.require(id);
    world.close();
    this.worlds.delete(id);
    if (world.file) for (const suffix of ['', '-wal', '-shm']) rmSync(world.file + suffix, { force: true });
  }

  /** Back to the seeded state: data, journal, and the clock at the server's start instant (the wall clock when none was set). */
  reset(id: string): World {
    const world = this.require(id);
    world.load(this.template, world.file ? undefined : this.openWarm(this.template));
    return world;
  }

  /** Saves a world's state under a name any world can later be restored from or created from. */
  saveSnapshot(id: string, name: string): void {
    if (!SNAPSHOT_NAME.test(name)) {
      throw new MockpanelError('bad_snapshot_name', `Snapshot name "${name}" is not allowed: use 1–64 of A-Z a-z 0-9 . _ -.`);
    }
    const image = this.require(id).serialize();
    const replaced = this.snapshots.get(name);
    if (replaced) this.dropWarm(replaced);
    this.snapshots.set(name, image);
    if (this.options.dataDir) writeFileSync(join(this.options.dataDir, 'snapshots', `${name}.sqlite`), image);
  }

  restoreSnapshot(id: string, name: string): World {
    const world = this.require(id);
    const image = this.snapshot(name);
    world.load(image, world.file ? undefined : this.openWarm(image));
    return world;
  }

  snapshotNames(): string[] {
    return [...this.snapshots.keys()];
  }

  deleteSnapshot(name: string): void {
    this.dropWarm(this.snapshot(name));
    this.snapshots.delete(name);
    if (this.options.dataDir) rmSync(join(this.options.dataDir, 'snapshots', `${name}.sqlite`), { force: true });
  }

  close(): void {
    for (const world of this.worlds.values()) world.close();
    this.worlds.clear();
    for (const db of this.warm.values()) db.close();
    this.warm.clear();
    this.closed = true;
  }

  /**
   * An in-memory database holding `image`. SQLite parses a schema on first
   * use, which for the four panels' ~130 tables costs several milliseconds,
   * far more than deserializing; so the registry keeps one copy of each
   * recently used image opened and parsed, hands it out, and opens the next
   * one when the event loop is idle. Resets between tests then cost well
   * under a millisecond.
   */
  private openWarm(image: Buffer): DB {
    const ready = this.warm.get(image);
    this.warm.delete(image);
    this.prepareWarm(image);
    return ready ?? openMemory(image);
  }

  private prepareWarm(image: Buffer): void {
    if (this.warming.has(image) || this.warm.has(image)) return;
    this.warming.add(image);
    setImmediate(() => {
      this.warming.delete(image);
      const known = image === this.template || [...this.snapshots.values()].includes(image);
      if (this.closed || !known || this.warm.has(image)) return;
      // Keep a few images warm at most: the template and the snapshots tests restore most.
      if (this.warm.size >= 4) {
        const [oldest, db] = this.warm.entries().next().value!;
        db.close();
        this.warm.delete(oldest);
      }
      const db = openMemory(image);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      this.warm.set(image, db);
    }).unref();
  }

  private dropWarm(image: Buffer): void {
    this.warm.get(image)?.close();
    this.warm.delete(image);
  }

  private snapshot(name: string): Buffer {
    const image = this.snapshots.get(name);
    if (!image) {
      throw new MockpanelError('snapshot_not_found', `No snapshot "${name}". Save one with POST /_admin/worlds/<id>/snapshots {"name":"${name}"}.`, 404);
    }
    return image;
  }

  private openPersistent(file: string): DB {
    const db = openFile(file);
    // A world written by an older mockpanel gets the migrations it lacks.
    migrate(db, this.options.schemas);
    return db;
  }

  private loadDataDir(dir: string): void {
    mkdirSync(join(dir, 'snapshots'), { recursive: true });
    for (const name of readdirSync(dir)) {
      const match = /^(.+)\.sqlite$/.exec(name);
      if (!match || !WORLD_ID.test(match[1])) continue;
      const file = join(dir, name);
      this.worlds.set(match[1], new World(match[1], this.openPersistent(file), file, this.journalLimit));
    }
    for (const name of readdirSync(join(dir, 'snapshots'))) {
      const match = /^(.+)\.sqlite$/.exec(name);
      if (match && existsSync(join(dir, 'snapshots', name))) this.snapshots.set(match[1], readFileSync(join(dir, 'snapshots', name)));
    }
  }
}
