import { defineMethods } from '../../core/define-methods.js';
import type { CpanelCall } from '../call.js';

/**
 * API 2 CustInfo::displaycontactinfo: the account's contact and notification
 * settings as a list of {name, value, type, descp}
 * (https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-custinfo/cpanel-api-2-functions-custinfo-displaycontactinfo).
 * Clients call it as a login check. mockpanel keeps only the contact email
 * (WHM's account `email`); the notification switches answer their defaults (inferred).
 */
export const custInfoMethods = defineMethods<CpanelCall>({
  'API2::CustInfo::displaycontactinfo': {
    run: (call) => {
      const email = call.account.email;
      const emails = email.split(',').map((e) => e.trim());
      return [
        { name: 'email', value: emails[0] ?? '', type: 'string', descp: 'Contact email address.', enabled: 1, onchangeparent: null },
        { name: 'second_email', value: emails[1] ?? '', type: 'string', descp: 'Second contact email address.', enabled: 1, onchangeparent: null },
        { name: 'notify_disk_limit', value: 1, type: 'boolean', descp: 'Notify when the disk quota is nearly full.', enabled: 1, onchangeparent: null },
        {
          name: 'notify_bandwidth_limit',
          value: 1,
          type: 'boolean',
          descp: 'Notify when the bandwidth limit is nearly reached.',
          enabled: 1,
          onchangeparent: null,
        },
        { name: 'notify_email_quota_limit', value: 1, type: 'boolean', descp: 'Notify when a mailbox is nearly full.', enabled: 1, onchangeparent: null },
        { name: 'notify_password_change', value: 1, type: 'boolean', descp: 'Notify when the account password changes.', enabled: 1, onchangeparent: null },
      ];
    },
  },
});
