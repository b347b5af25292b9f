import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpanelError } from '../../clients/cpanel/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { cpanelAs, whmRoot } from './support.js';

// Email and Mysql on the cPanel port run the same functions WHM's passthrough runs, over the same rows.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panelPorts: { cpanel: 0 } });
});
afterAll(() => server?.close());

describe('cPanel Email and Mysql', () => {
  it('mailboxes, quotas and forwarders made on the cPanel port are the rows WHM lists', async () => {
    const world = 'email';
    const whm = whmRoot(server, world);
    await whm.createAccount('mailer', { domain: 'mailer.example.com', password: 'S3cret!pass-1', plan: 'pro' });
    const cp = cpanelAs(server, world, 'mailer', { password: 'S3cret!pass-1' });

    await cp.uapi('Email', 'add_pop', { email: 'info', domain: 'mailer.example.com', password: 'Mailb0x!pass', quota: 50 });
    await cp.api2('Email', 'addpop', { email: 'sales', domain: 'mailer.example.com', password: 'Mailb0x!pass' });
    expect(await whm.listPopsFor('mailer')).toEqual(['info@mailer.example.com', 'sales@mailer.example.com']);

    await cp.uapi('Email', 'edit_pop_quota', { email: 'info', domain: 'mailer.example.com', quota: 100 });
    const withDisk = (await cp.uapi<{ email: string; diskquota: string }[]>('Email', 'list_pops_with_disk')).data;
    expect(withDisk.find((p) => p.email === 'info@mailer.example.com')?.diskquota).toBe('100');

    await cp.uapi('Email', 'add_forwarder', { domain: 'mailer.example.com', email: 'info', fwdopt: 'fwd', fwdemail: 'boss@example.net' });
    expect((await cp.api2<{ dest: string; forward: string }>('Email', 'listforwards')).map((f) => [f.dest, f.forward])).toEqual([
      ['info@mailer.example.com', 'boss@example.net'],
    ]);
    await cp.api2('Email', 'delforward', { email: 'info@mailer.example.com', emaildest: 'boss@example.net' });
    expect((await cp.uapi<unknown[]>('Email', 'list_forwarders')).data).toEqual([]);

    const taken = await cp.uapi('Email', 'add_pop', { email: 'info', domain: 'mailer.example.com', password: 'Mailb0x!pass' }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(CpanelError);
    expect((taken as CpanelError).errors[0]).toMatch(/info@mailer\.example\.com/);
    const missing = await cp.api2('Email', 'delpop', { domain: 'mailer.example.com' }).catch((e: unknown) => e);
    expect((missing as CpanelError).errors).toEqual(['Provide the “email” parameter.']);
    const foreign = await cp.uapi('Email', 'add_pop', { email: 'x', domain: 'not-mine.example.org', password: 'Mailb0x!pass' }).catch((e: unknown) => e);
    expect((foreign as CpanelError).errors[0]).toMatch(/do not have access to a domain named “not-mine\.example\.org”/);
  });

  it('databases and users carry the account prefix and show in WHM', async () => {
    const world = 'mysql';
    const whm = whmRoot(server, world);
    await whm.createAccount('dbowner', { domain: 'dbowner.example.com', password: 'S3cret!pass-1', plan: 'pro' });
    const cp = cpanelAs(server, world, 'dbowner', { password: 'S3cret!pass-1' });

    await cp.uapi('Mysql', 'create_database', { name: 'dbowner_app' });
    await cp.uapi('Mysql', 'create_user', { name: 'dbowner_web', password: 'Db!pass-1234' });
    await cp.uapi('Mysql', 'set_privileges_on_database', { user: 'dbowner_web', database: 'dbowner_app', privileges: 'ALL PRIVILEGES' });
    expect(await whm.listMysqlDatabasesAndUsers('dbowner')).toEqual({ dbowner_app: ['dbowner_web'] });
    expect((await cp.uapi<string[]>('Mysql', 'get_privileges_on_database', { user: 'dbowner_web', database: 'dbowner_app' })).data).toEqual(['ALL PRIVILEGES']);

    const unprefixed = await cp.uapi('Mysql', 'create_database', { name: 'app' }).catch((e: unknown) => e);
    expect((unprefixed as CpanelError).code).toBe('api_failure');
    expect((unprefixed as CpanelError).errors[0]).toMatch(/dbowner_/);
    await cp.api2('MysqlFE', 'deletedb', { db: 'dbowner_app' });
    expect((await cp.uapi<unknown[]>('Mysql', 'list_databases')).data).toEqual([]);
  });
});
