// Drives npm cpanel-rest-api (unmodified) against a WHM URL: node cpanel_rest_api_flow.cjs PORT ACCESSKEY USER
// Prints one JSON line per step: {step, value} or {step, error}.
const { WHM } = require('cpanel-rest-api');

const [port, accessKey, user] = process.argv.slice(2);
const whm = new WHM({ host: '127.0.0.1', port: Number(port), secure: false, username: 'root', accessKey });

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, value: await fn() }));
  } catch (error) {
    console.log(JSON.stringify({ step: name, error: error.message }));
  }
}

(async () => {
  await step('version', () => whm.api('version'));
  await step('createacct', () =>
    whm.api({ action: 'createacct', params: { username: user, domain: `${user}.example.com`, plan: 'basic', password: 'Str0ng-Pass-word', hasshell: true } }),
  );
  await step('createacct again', () => whm.api({ action: 'createacct', params: { username: user, domain: `${user}.example.com` } }));
  await step('listaccts', () => whm.api({ action: 'listaccts', params: { searchtype: 'user', search: user } }));
  await step('suspendacct', () => whm.api({ action: 'suspendacct', params: { user, reason: 'unpaid' } }));
  await step('listsuspended', () => whm.api('listsuspended'));
  await step('unsuspendacct', () => whm.api({ action: 'unsuspendacct', params: { user } }));
  await step('uapi add_pop', () =>
    whm.uapi(user).api({ module: 'Email', func: 'add_pop', params: { email: 'info', domain: `${user}.example.com`, password: 'Str0ng-Pass-word' } }),
  );
  await step('uapi list_pops', () => whm.uapi(user).api({ module: 'Email', func: 'list_pops' }));
  await step('removeacct', () => whm.api({ action: 'removeacct', params: { username: user } }));
  await step('accountsummary after removal', () => whm.api({ action: 'accountsummary', params: { user } }));
})();
