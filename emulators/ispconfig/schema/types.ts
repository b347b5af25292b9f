/** A MySQL column of ISPConfig's schema, as install/sql/ispconfig3.sql declares it. */
export interface ColumnDef {
  name: string;
  /** The declared type, e.g. `int(11) unsigned`, `enum('n','y')`, `varchar(255)`, `text`. */
  type: string;
  nullable: boolean;
  /** The column default: a string, null for DEFAULT NULL, absent when none is declared. */
  default?: string | null;
  autoIncrement?: boolean;
}

export interface TableDef {
  columns: ColumnDef[];
  primaryKey: string[];
  unique: string[][];
}

/** A filter or validator entry of a form field, as the tform file writes it. */
export interface FormRule {
  type: string;
  event?: string;
  errmsg?: string;
  regex?: string;
  range?: string;
  allowempty?: string;
  separator?: string;
  class?: string;
  function?: string;
}

export interface FormField {
  datatype: string;
  formtype: string;
  /** CHECKBOX only: [unchecked, checked]. */
  value?: string[] | Record<string, string>;
  separator?: string;
  encryption?: string;
  filters?: FormRule[];
  validators?: FormRule[];
  regex?: string;
  errmsg?: string;
}

/** An ISPConfig form definition (`*.tform.php`) as the remote API uses it: one table, its key, fields in form order. */
export interface FormDef {
  file: string;
  table: string;
  index: string;
  /** 'yes': inserts write sys_userid/sys_groupid/sys_perm_*. */
  auth: string;
  /** 'yes': every write also goes to sys_datalog. */
  history: string;
  perm_other: string;
  fields: Record<string, FormField>;
}

export interface IspconfigSchema {
  provenance: string;
  tables: Record<string, TableDef>;
  forms: Record<string, FormDef>;
  seedRows: Record<string, Record<string, string | null>[]>;
  serverIni: string;
  systemIni: string;
}
