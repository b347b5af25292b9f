import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionOptions } from '../transport/connection.js';
import { XmlRpcFault, XmlRpcTransport } from '../transport/xmlrpc-transport.js';
import { GandiError, GandiOperationError } from './errors.js';
import type { GandiMethod, GandiParams } from './methods.generated.js';
import type { DiskInfo, DiskSpec, HostingAccountInfo, OperationDetails, OperationFilter, OsImage, ProductName, VmInfo, VmSpec, VmUpdate } from './types.js';

export interface GandiClientOptions extends ConnectionOptions {
  /** The endpoint, e.g. `https://api.gandi.net/hosting/` or `http://127.0.0.1:7777/gandi/hosting/`. */
  url: string;
  /** The account handle (`AA1234-GANDI`): with {@link password}, the first call logs in by itself. */
  username?: string;
  password?: string;
}

export interface AwaitOperationOptions {
  /** Pause between polls. Default 1000 ms. */
  intervalMs?: number;
  /** Called instead of sleeping between polls (a test moves an emulator's clock here). */
  wait?: () => Promise<unknown>;
  /** Give up after this long (wall clock). Default 600 s, as Apache libcloud's Gandi driver does. */
  timeoutMs?: number;
}

const FINISHED = new Set(['DONE', 'ERROR', 'CANCEL']);

/**
 * Reference client of the Gandi Hosting XML-RPC API 1.0. Log in first; every
 * other call sends the session id as its first argument. Faults are thrown as
 * {@link GandiError}.
 *
 * @example
 * const gandi = new GandiClient({ url: 'https://api.gandi.net/hosting/' });
 * await gandi.login('AA1234-GANDI', 'mypassword');
 * const vmId = await gandi.vmCreate({ hostname: 'vmtest1', password: 'my_password', osId: 111, shares: 4, cpu: 1, login: 'gandi' });
 * await gandi.operationDone(await gandi.creationOperation('vm_create', vmId));
 */
export class GandiClient {
  private readonly transport: XmlRpcTransport;
  /** The session id in use (set by {@link login} and {@link su}). */
  session?: string;

  private loggingIn?: Promise<string>;

  constructor(private readonly options: GandiClientOptions) {
    this.transport = new XmlRpcTransport(options);
  }

  /** Calls any method with exactly these arguments (no session added). */
  async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.transport.call<T>(method, ...args);
    } catch (error) {
      if (error instanceof XmlRpcFault) throw new GandiError(error.faultCode, error.faultString, method);
      throw error;
    }
  }

  /** Calls a method with the session id as its first argument; the arguments are checked against the contract's (methods.generated.ts). */
  private async withSession<T, M extends GandiMethod = GandiMethod>(method: M, ...args: GandiParams[M]): Promise<T> {
    if (!this.session) {
      const { username, password } = this.options;
      if (username === undefined || password === undefined) throw new Error(`GandiClient.${method}: log in first (or give username and password)`);
      this.loggingIn ??= this.login(username, password).finally(() => (this.loggingIn = undefined));
      await this.loggingIn;
    }
    return this.call<T>(method, this.session, ...args);
  }

  /** `login(login, password [, safe])`: opens a session (valid 12 hours) and keeps its id. Safe mode is the API's default. */
  async login(login: string, password: string, safe?: boolean): Promise<string> {
    this.session = await this.call<string>('login', login, password, safe);
    return this.session;
  }

  /** `su(session, handle)`: switches to a new session acting as `handle` and keeps its id. */
  async su(handle: string): Promise<string> {
    this.session = await this.withSession<string>('su', handle);
    return this.session;
  }

  /** The prepaid account's ISO 4217 currency. */
  accountCurrency(): Promise<string> {
    return this.withSession('account_currency');
  }

  /** The prepaid account's balance. */
  accountBalance(): Promise<number> {
    return this.withSession('account_balance');
  }

  /** Products, shares and disk of the hosting account. */
  hostingAccountInfo(): Promise<HostingAccountInfo> {
    return this.withSession('hosting_account_info');
  }

  /** Buys a product (`quantity` shares, or MB of disk) for `duration` ('1m', '1y'); returns the operation id. */
  hostingAccountProductAdd(productName: ProductName, quantity: number, duration: string): Promise<number> {
    return this.withSession('hosting_account_product_add', productName, quantity, duration);
  }

  /** Renews a product for `duration`; returns the operation id. */
  hostingAccountProductRenew(productId: number, duration: string): Promise<number> {
    return this.withSession('hosting_account_product_renew', productId, duration);
  }

  /** Releases a product (not fixed shares); returns the operation id. */
  hostingAccountProductRemove(productId: number): Promise<number> {
    return this.withSession('hosting_account_product_remove', productId);
  }

  /** Changes a product's quantity (not fixed shares); returns the operation id. */
  hostingAccountProductUpdate(productId: number, quantity: number): Promise<number> {
    return this.withSession('hosting_account_product_update', productId, quantity);
  }

  /** Creates a VM; returns the new VM's id (its `vm_create` operation: {@link creationOperation}). */
  vmCreate(spec: VmSpec): Promise<number> {
    const specs = spec.login === undefined ? {} : { login: spec.login };
    return this.withSession('vm_create', spec.hostname, spec.password, spec.osId, spec.shares, spec.cpu, specs);
  }

  vmInfo(vmId: number): Promise<VmInfo> {
    return this.withSession('vm_info', vmId);
  }

  /** The account's VM ids. */
  vmList(): Promise<number[]> {
    return this.withSession('vm_list');
  }

  /** Changes shares, CPUs or maximum memory; returns the operation id. */
  vmUpdate(vmId: number, specs: VmUpdate): Promise<number> {
    return this.withSession('vm_update', vmId, specs);
  }

  /** Deletes a halted VM; returns the operation id. */
  vmDelete(vmId: number): Promise<number> {
    return this.withSession('vm_delete', vmId);
  }

  /** Boots or unpauses a VM; returns the operation id. */
  vmStart(vmId: number): Promise<number> {
    return this.withSession('vm_start', vmId);
  }

  /** Shuts a VM down; returns the operation id. */
  vmStop(vmId: number): Promise<number> {
    return this.withSession('vm_stop', vmId);
  }

  /** Reboots a running VM; returns the operation id. */
  vmReboot(vmId: number): Promise<number> {
    return this.withSession('vm_reboot', vmId);
  }

  /** Ids of the disks attached to a VM (undocumented method: mockpanel's reading of it). */
  vmDiskList(vmId: number): Promise<number[]> {
    return this.withSession('vm_disk_list', vmId);
  }

  /** Every disk-to-VM link of the account (undocumented method: mockpanel's reading of it). */
  vmDiskLink(): Promise<{ disk_id: number; vm_id: number }[]> {
    return this.withSession('vm_disk_link');
  }

  /** Creates a data disk (size in MB); returns the new disk's id. */
  diskCreate(spec: DiskSpec): Promise<number> {
    return this.withSession('disk_create', { ...spec });
  }

  diskInfo(diskId: number): Promise<DiskInfo> {
    return this.withSession('disk_info', diskId);
  }

  /** The account's disk ids. */
  diskList(): Promise<number[]> {
    return this.withSession('disk_list');
  }

  /** Deletes an unattached disk; returns the operation id. */
  diskDelete(diskId: number): Promise<number> {
    return this.withSession('disk_delete', diskId);
  }

  /** Attaches a disk to a VM; returns the operation id. */
  diskAttach(diskId: number, vmId: number): Promise<number> {
    return this.withSession('disk_attach', diskId, vmId);
  }

  /** Detaches a disk from a VM; returns the operation id. */
  diskDetach(diskId: number, vmId: number): Promise<number> {
    return this.withSession('disk_detach', diskId, vmId);
  }

  /** OS images a VM can be created with. */
  osList(): Promise<OsImage[]> {
    return this.withSession('os_list');
  }

  /** Ids of the last 300 operations matching the filter. */
  operationList(filter?: OperationFilter): Promise<number[]> {
    return this.withSession('operation_list', filter);
  }

  operationDetails(opId: number): Promise<OperationDetails> {
    return this.withSession('operation_details', opId);
  }

  /** Cancels a pending operation or one in ERROR. */
  operationCancel(opId: number): Promise<boolean> {
    return this.withSession('operation_cancel', opId);
  }

  /**
   * Polls `operation_details` until the operation is DONE, ERROR or CANCEL
   * and answers its last details (each poll is an `operation_details` call,
   * which moves a poll-paced emulator on); throws {@link GandiOperationError}
   * `operation_timeout` when it does not finish in time.
   */
  async operation(opId: number, options: AwaitOperationOptions = {}): Promise<OperationDetails> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    const wait = options.wait ?? (() => sleep(options.intervalMs ?? 1000));
    for (;;) {
      const details = await this.operationDetails(opId);
      if (FINISHED.has(details.state)) return details;
      if (Date.now() >= deadline) throw new GandiOperationError('operation_timeout', details);
      await wait();
    }
  }

  /** {@link operation}, throwing {@link GandiOperationError} unless it ends DONE. */
  async operationDone(opId: number, options: AwaitOperationOptions = {}): Promise<OperationDetails> {
    const details = await this.operation(opId, options);
    if (details.state === 'ERROR') throw new GandiOperationError('operation_error', details);
    if (details.state === 'CANCEL') throw new GandiOperationError('operation_cancelled', details);
    return details;
  }

  /**
   * The id of the operation that creates an object: `vm_create` and
   * `disk_create` answer the object's id, so its operation is found through
   * `operation_list` and the `vm_id`/`disk_id` of its details.
   */
  async creationOperation(type: 'vm_create' | 'disk_create', objectId: number): Promise<number> {
    const key = type === 'vm_create' ? 'vm_id' : 'disk_id';
    const ids = await this.operationList({ type });
    for (const id of ids.reverse()) {
      const details = await this.operationDetails(id);
      if (details.param[key] === objectId) return id;
    }
    throw new Error(`no ${type} operation for ${key} ${objectId}`);
  }
}
