import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/contract.js';
import { detectFamilies, parseName, type CollectionFamily, type ToggleFamily } from '../../emulators/whm/families/detect.js';
import { whmFamilies, whmPanel } from '../../emulators/whm/index.js';

// The tier-3 families as detected from contracts/whm.json at start-up: the reference's pairings (seed 004) must come out of the names.
const contract = loadContract('whm');
const collection = (name: string): CollectionFamily | undefined => whmFamilies.collections.find((f) => f.name === name);
const toggle = (on: string): ToggleFamily | undefined => whmFamilies.toggles.find((f) => f.on === on);

describe('WHM tier-3 family detection', () => {
  it('reads <prefix>_<verb>_<noun> names, plural nouns made singular', () => {
    expect(parseName('remote_mysql_read_profiles', ['read'])).toEqual({ prefix: 'remote_mysql', verb: 'read', noun: 'profile' });
    expect(parseName('read_cpgreylist_trusted_hosts', ['read'])).toEqual({ prefix: '', verb: 'read', noun: 'cpgreylist_trusted_host' });
    expect(parseName('batch_create_cphulk_records', ['batch_create', 'create'])).toEqual({ prefix: '', verb: 'batch_create', noun: 'cphulk_record' });
    expect(parseName('listaccts', ['list'])).toBeUndefined();
  });

  it('finds the collections the reference describes, with their identity parameters', () => {
    expect(collection('configclusterserver')).toMatchObject({
      identity: ['name'],
      adders: ['add_configclusterserver'],
      updaters: ['update_configclusterserver'],
      removers: ['delete_configclusterserver'],
      listers: ['list_configclusterservers'],
    });
    expect(collection('cpgreylist_trusted_host')).toMatchObject({
      identity: ['ip'],
      adders: ['create_cpgreylist_trusted_host'],
      removers: ['delete_cpgreylist_trusted_host'],
      listers: ['read_cpgreylist_trusted_hosts'],
    });
    expect(collection('integration_group')).toMatchObject({
      identity: ['group_id', 'user'],
      adders: ['create_integration_group'],
      removers: ['remove_integration_group'],
      listers: ['list_integration_groups'],
    });
    expect(collection('connected_application')).toMatchObject({
      identity: ['name'],
      adders: ['save_connected_application'],
      removers: ['remove_connected_application'],
      listers: ['list_connected_applications'],
      readers: ['fetch_connected_application'],
    });
    expect(collection('remote_mysql_profile')).toMatchObject({
      identity: ['name'],
      adders: ['remote_mysql_create_profile'],
      updaters: ['remote_mysql_update_profile'],
      removers: ['remote_mysql_delete_profile'],
      listers: ['remote_mysql_read_profiles'],
      readers: ['remote_mysql_read_profile'],
    });
    expect(collection('ticket')).toMatchObject({ adders: ['ticket_grant'], removers: ['ticket_revoke'], listers: ['ticket_list'] });
    expect(collection('modsec_vendor')).toMatchObject({
      identity: ['vendor_id'],
      adders: ['modsec_add_vendor'],
      removers: ['modsec_remove_vendor'],
      listers: ['modsec_get_vendors'],
    });
    expect(collection('modsec_rule')).toMatchObject({
      identity: ['config', 'id'],
      adders: ['modsec_add_rule'],
      updaters: ['modsec_edit_rule'],
      removers: ['modsec_remove_rule'],
      listers: ['modsec_get_rules'],
    });
  });

  it('finds the toggles, server-wide and per item, with the reads that show them', () => {
    expect(toggle('enable_cphulk')).toMatchObject({ off: 'disable_cphulk', identity: [], reads: ['cphulk_status'] });
    expect(toggle('enable_cpgreylist')).toMatchObject({ off: 'disable_cpgreylist', identity: [], reads: ['cpgreylist_status'] });
    expect(toggle('enable_market_provider')).toMatchObject({ off: 'disable_market_provider', identity: ['name'], reads: ['get_market_providers_list'] });
    expect(toggle('enable_authentication_provider')).toMatchObject({ identity: ['provider_id'], qualifiers: ['service_name'] });
    expect(toggle('modsec_disable_rule')).toMatchObject({
      off: 'modsec_undisable_rule',
      identity: ['config', 'id'],
      reads: ['modsec_get_rules'],
      flags: ['disabled'],
    });
    expect(toggle('modsec_enable_vendor')).toMatchObject({ off: 'modsec_disable_vendor', identity: ['vendor_id'], reads: ['modsec_get_vendors'] });
    expect(toggle('cpgreylist_trust_entries_for_common_mail_provider')).toMatchObject({ identity: ['provider'] });
    expect(toggle('modsec_set_setting')).toMatchObject({ off: 'modsec_remove_setting', value: 'state', batch: { name: 'modsec_batch_settings' } });
  });

  it('finds pairs by name and the reference’s differently named ones, and batch_create_X over create_X', () => {
    const pairs = whmFamilies.pairs.map((p) => `${p.setter.name}>${p.getter.name}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'set_tweaksetting>get_tweaksetting',
        'save_cphulk_config>load_cphulk_config',
        'set_cphulk_config_key>load_cphulk_config',
        'nat_set_public_ip>get_public_ip',
        'modsec_set_config_text>modsec_get_config_text',
        'cpgreylist_save_common_mail_providers_config>cpgreylist_load_common_mail_providers_config',
        'edit_rpm_version>get_rpm_version_data',
      ]),
    );
    expect(whmFamilies.batches).toContainEqual({ kind: 'batch', batch: 'batch_create_cphulk_records', single: 'create_cphulk_record' });
  });

  it('puts each function in one family at most, never one with a hand-written handler', () => {
    const names = [
      ...whmFamilies.collections.flatMap((f) => [...f.adders, ...f.updaters, ...f.removers]),
      ...whmFamilies.toggles.flatMap((f) => [f.on, ...(f.off ? [f.off] : [])]),
      ...whmFamilies.pairs.map((p) => p.setter.name),
    ];
    expect(new Set(names).size).toBe(names.length);
    // A hand-written handler wins: with list_configclusterservers handled, the collection has no read and is not a family.
    const without = detectFamilies(contract, (name) => name === 'list_configclusterservers');
    expect(without.collections.find((f) => f.name === 'configclusterserver')).toBeUndefined();
    const withoutToggle = detectFamilies(contract, (name) => name === 'disable_cphulk');
    expect(withoutToggle.toggles.find((f) => f.on === 'enable_cphulk')).toBeUndefined();
  });

  it('gives every function that still answers its sample a reason', () => {
    const unexplained = Object.entries(whmPanel.methods)
      .filter(([, def]) => def.implementation === 'sample' && !def.why)
      .map(([name]) => name);
    expect(unexplained).toEqual([]);
    expect(whmPanel.methods.get_tcp4_sockets).toMatchObject({ implementation: 'sample', why: expect.stringContaining('host') });
    expect(whmPanel.methods.enable_cphulk?.implementation).not.toBe('sample');
  });
});
