// Drives npm cpanel-lib (unmodified) against a WHM URL: node cpanel_lib_flow.cjs PORT PATH ACCESSKEY USER
// cpanel-lib sends no api.version, so WHM answers in API 0 unless the caller adds it.
// Prints one JSON line per step: {step, value} or {step, error}.
const cpanel = require('cpanel-lib');

const [port, path, accessKey, user] = process.argv.slice(2);
const client = cpanel.createClient({ host: '127.0.0.1', port: Number(port), secure: false, path, username: 'root', accessKey });

function step(name, call) {
  return new Promise((resolve) =>
    call((error, value) => {
      console.log(JSON.stringify(error ? { step: name, error: String(error) } : { step: name, value }));
      resolve();
    }),
  );
}

(async () => {
  await step('version', (cb) => client.call('version', {}, cb));
  await step('createacct', (cb) =>
    client.call('createacct', { username: user, domain: `${user}.example.com`, password: 'Str0ng-Pass-word', plan: 'default' }, cb),
  );
  await step('createacct again', (cb) => client.call('createacct', { username: user, domain: `${user}.example.com`, password: 'Str0ng-Pass-word' }, cb));
  await step('listaccts', (cb) => client.call('listaccts', { searchtype: 'user', search: user }, cb));
  await step('listaccts api.version=1', (cb) => client.call('listaccts', { 'api.version': 1, searchtype: 'user', search: user }, cb));
  await step('suspendacct', (cb) => client.call('suspendacct', { user, reason: 'unpaid' }, cb));
  await step('listsuspended', (cb) => client.call('listsuspended', {}, cb));
  await step('unsuspendacct', (cb) => client.call('unsuspendacct', { user }, cb));
  await step('api2 addpop', (cb) =>
    client.callApi2('Email', 'addpop', { domain: `${user}.example.com`, email: 'info', password: 'Str0ng-Pass-word', quota: 0 }, user, cb),
  );
  await step('api2 listpopswithdisk', (cb) => client.callApi2('Email', 'listpopswithdisk', {}, user, cb));
  await step('removeacct', (cb) => client.call('removeacct', { user }, cb));
  await step('removeacct again', (cb) => client.call('removeacct', { user }, cb));
})();
