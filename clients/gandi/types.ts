/*
 * What the Gandi Hosting 1.0 API answers. The doc types only operation
 * details; the other structs follow mockpanel's choices (successor-API
 * names, see emulators/gandi/README.md), so a real panel may send more.
 */

export type OperationState = 'PENDING' | 'RUN' | 'ERROR' | 'CANCEL' | 'DONE';

/** `operation_details` (documented keys, seed 001). */
export interface OperationDetails {
  uid: number;
  type: string;
  state: OperationState;
  date_create: Date;
  date_update: Date;
  /** Always has `param_type` (vm, disk…) and the matching `vm_id` / `disk_id`. */
  param: { param_type: string; vm_id?: number; disk_id?: number; product_id?: number; [key: string]: unknown };
  /** The error message when `state` is ERROR. */
  comment: string;
}

/** `operation_list` filter (documented members, seed 001). */
export interface OperationFilter {
  type?: string;
  state?: OperationState | 'ALL';
  created_after?: Date;
  created_before?: Date;
  updated_after?: Date;
  updated_before?: Date;
}

export type ProductName = 'shares' | 'shares_fixed' | 'disk';

export interface Product {
  id: number;
  product_name: ProductName;
  quantity: number;
  duration: string;
  date_created: Date;
  date_end: Date;
  can_release?: boolean;
  can_update?: boolean;
}

export interface ResourceFigures {
  shares: number;
  servers?: number;
  memory?: number;
  disk?: number;
}

export interface HostingAccountInfo {
  handle?: string;
  id?: number;
  products?: Product[];
  share_definition?: Record<string, number>;
  resources?: { granted: ResourceFigures; used: ResourceFigures; available: ResourceFigures };
  [key: string]: unknown;
}

export interface VmSpec {
  hostname: string;
  password: string;
  osId: number;
  shares: number;
  cpu: number;
  /** `specs.login`: a user account to create. */
  login?: string;
}

/** `vm_update` specs (documented members). */
export interface VmUpdate {
  shares?: number;
  cpu?: number;
  vm_max_memory?: number;
}

export interface VmInfo {
  id: number;
  hostname: string;
  state: string;
  [key: string]: unknown;
}

/** `disk_create` specs (documented members); size in MB. */
export interface DiskSpec {
  size: number;
  name: string;
  fstype?: 'ext3' | 'reiserfs' | 'xfs' | 'jfs';
}

export interface DiskInfo {
  id: number;
  name: string;
  size: number;
  [key: string]: unknown;
}

export interface OsImage {
  id: number;
  label: string;
  [key: string]: unknown;
}
