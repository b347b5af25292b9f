import { prepare, type DB } from '../../../state/database.js';

export type ProductName = 'shares' | 'shares_fixed' | 'disk';

export interface ProductRow {
  id: number;
  account_id: number;
  product_name: ProductName;
  quantity: number;
  duration: string;
  /** pending (bought, its operation not done yet) | active */
  state: string;
  date_created: number;
  date_end: number;
}

/** An active product with the quantity change or removal still pending on it, if any. */
export interface ProductLine {
  product_name: string;
  quantity: number;
  op_type: string | null;
  op_param: string | null;
}

/** A product of the account, or undefined. */
export function productOf(db: DB, accountId: number, id: number): ProductRow | undefined {
  return prepare<[number, number], ProductRow>(db, 'SELECT * FROM gandi_product WHERE id = ? AND account_id = ?').get(id, accountId);
}

export function activeProducts(db: DB, accountId: number): ProductRow[] {
  return prepare<[number], ProductRow>(db, "SELECT * FROM gandi_product WHERE account_id = ? AND state = 'active' ORDER BY id").all(accountId);
}

/** The account's active products, each with its unfinished update or remove operation (the resources' worst case). */
export function activeProductLines(db: DB, accountId: number): ProductLine[] {
  return prepare<[number], ProductLine>(
    db,
    `SELECT p.product_name, p.quantity, o.type AS op_type, o.param AS op_param
       FROM gandi_product p
       LEFT JOIN gandi_operation o ON o.product_id = p.id AND o.state IN ('PENDING', 'RUN', 'ERROR')
        AND o.type IN ('hosting_account_product_update', 'hosting_account_product_remove')
      WHERE p.account_id = ? AND p.state = 'active'`,
  ).all(accountId);
}

export function insertProduct(
  db: DB,
  p: { accountId: number; productName: ProductName; quantity: number; duration: string; state: 'pending' | 'active'; dateCreated: number; dateEnd: number },
): number {
  return Number(
    prepare(db, 'INSERT INTO gandi_product (account_id, product_name, quantity, duration, state, date_created, date_end) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      p.accountId,
      p.productName,
      p.quantity,
      p.duration,
      p.state,
      p.dateCreated,
      p.dateEnd,
    ).lastInsertRowid,
  );
}

export function activateProduct(db: DB, id: number | null, dateCreated: number, dateEnd: number): void {
  prepare(db, "UPDATE gandi_product SET state = 'active', date_created = ?, date_end = ? WHERE id = ?").run(dateCreated, dateEnd, id);
}

export function productEnd(db: DB, id: number | null): number | undefined {
  return prepare<[number | null], { date_end: number }>(db, 'SELECT date_end FROM gandi_product WHERE id = ?').get(id)?.date_end;
}

export function setProductEnd(db: DB, id: number | null, dateEnd: number): void {
  prepare(db, 'UPDATE gandi_product SET date_end = ? WHERE id = ?').run(dateEnd, id);
}

export function setProductQuantity(db: DB, id: number | null, quantity: number): void {
  prepare(db, 'UPDATE gandi_product SET quantity = ? WHERE id = ?').run(quantity, id);
}

export function deleteProduct(db: DB, id: number | null): void {
  prepare(db, 'DELETE FROM gandi_product WHERE id = ?').run(id);
}
