/**
 * Gandi Hosting API 1.0 fault-code tables (qualification · object · cause),
 * copied from contracts/gandi.json `faultScheme.tables` (source: the
 * Gandi 1.0 error-codes page as recovered in research/webfaction-gandi/gandi.json).
 * Copied so the client needs nothing but the wire at run time; a test keeps the
 * copy equal to the contract.
 */
export const GANDI_FAULT_TABLES: Record<string, { label: string; objects: Record<string, string>; causes: Record<string, string> }> = {
  '1': {
    label: 'Server',
    objects: {
      '100': 'database',
      '200': 'registries',
      '300': 'network',
      '400': 'system',
      '500': 'application',
      '600': 'service'
    },
    causes: {
      '10': 'connection lost',
      '20': 'query failed',
      '40': 'could not find object',
      '42': 'returned too many rows',
      '00': 'internal error, logged and reported'
    }
  },
  '5': {
    label: 'Data',
    objects: {
      '101': 'account',
      '102': 'operation',
      '250': 'operation_state',
      '251': 'operation_type',
      '300': 'hosting_account',
      '302': 'vm',
      '304': 'disk',
      '305': 'os',
      '309': 'vm_shares',
      '350': 'hosting_account_status',
      '351': 'hosting_product',
      '701': 'currency',
      '000': 'unknown',
      '001': 'password',
      '002': 'session',
      '003': 'login',
      '010': 'integer',
      '011': 'boolean',
      '012': 'string',
      '013': 'date',
      '014': 'list',
      '015': 'struct',
      '016': 'method'
    },
    causes: {
      '10': 'type',
      '20': 'syntax',
      '30': 'value',
      '31': 'size',
      '32': 'expected',
      '33': 'unexpected',
      '34': 'identical',
      '35': 'quota_reached',
      '37': 'badparameter',
      '39': 'attached',
      '40': 'dontexist',
      '41': 'exist',
      '42': 'notfound',
      '44': 'nothing_to_update',
      '49': 'expired',
      '50': 'noright',
      '60': 'state',
      '63': 'not_enough_money',
      '67': 'pending',
      '68': 'running',
      '69': 'attached_running',
      '90': 'invalid_step',
      '98': 'not_attached',
      '99': 'toomany',
      '00': 'unknown'
    }
  }
};
