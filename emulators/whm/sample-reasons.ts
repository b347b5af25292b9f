import type { MethodContract } from '../../contracts/contract.js';

/*
 * Why a WHM function answers its documented sample instead of keeping
 * state: the coverage report shows the reason beside "sample". Rules go by
 * the function's name and reference section (seed 004), first match wins;
 * `BY_NAME` settles the functions no rule describes well.
 */

const why = {
  host: 'a report of the host itself (sockets, load, disks, packages, versions, logs) that the emulator does not have',
  remote: 'talks to a remote system (cPanel Store and ticket system, another server, a notification service, an OAuth provider) the emulator cannot reach',
  oneShot: 'a one-shot action with no effect that any documented read shows',
  check: 'checks or builds something from its arguments and keeps nothing',
  noRead: 'a write whose effect no documented function reads back',
  mail: "reads or changes mailbox contents and mail statistics the emulator's accounts do not have",
  vendorFiles: "works on a ModSecurity vendor's rule files, which the emulator does not download",
} as const;

const RULES: [RegExp, string][] = [
  [/^(ticket_|get_market_providers_product|get_adjusted_market_providers_products$|validate_login_token$)/, why.remote],
  [/^get_(tcp|udp)[46]_sockets$|^(installed_versions|list_rpms|get_homedir_roots|leika_get_config|get_database_optimizations)$/, why.host],
  [
    /^(current|latest_available|installable)_mysql_versions?$|^ea4_(get_|metainfo|recommendations)|^package_manager_(get_package_info|list_packages|resolve_actions)$/,
    why.host,
  ],
  [
    /^(get_available_tiers|get_lts_wexpire|get_current_lts_expiration_status|get_update_availability|get_fpm_count_and_utilization|modsec_get_log|modsec_is_installed)$/,
    why.host,
  ],
  [/^(fetch_mail_queue|exim_configuration_check|validate_current_installed_exim_config|fetch_security_advice|get_countries_with_known_ip_ranges)$/, why.host],
  [/^get_cphulk_(brutes|excessive_brutes|failed_logins|user_brutes)$|^read_cpgreylist_deferred_entries$|^get_api_(calls|pages)$/, why.host],
  [
    /^(send_test_|verify_.*_access$)|^(cors_proxy_get|execute_remote_whmapi1_with_password|check_remote_ssh_connection|remote_basic_credential_check|cluster_member_has_trust_with)$/,
    why.remote,
  ],
  [
    /^(run_cpkeyclt|get_server_node_status|backup_does_client_id_have_google_credentials|remote_mysql_create_profile_via_ssh|remote_mysql_validate_profile|nat_checkip|get_in_product_survey_url)$/,
    why.remote,
  ],
  [/^(update_reverse_dns_cache|validate_current_(ptrs|spfs|dmarcs))$|^modsec_report_rule$|^get_remote_access_hash$/, why.remote],
  [/^(emailtrack_|expunge_|get_unique_|terminate_cpuser_mailbox_sessions$|normalize_user_email_configuration$)/, why.mail],
  [/^modsec_clone_rule$/, why.vendorFiles],
  [/^(validate_|modsec_check_rule$|generate_mobileconfig$|_getpkgextensionform$|transfer_module_schema$|get_provider_configuration_fields$)/, why.check],
  [
    /^(flush_|modsec_(deploy|discard)_|nginxmanager_(clear_cache|rebuild_cache_config|reset_users_cache_config)$|set_up_dns_resolver_workarounds$|remove_in_progress_exim_config_edit$)/,
    why.oneShot,
  ],
  [
    /^(package_manager_fixcache|accept_eula|disable_failing_authentication_providers|restore_config_from_(file|upload)|convert_and_migrate_from_legacy_config)$/,
    why.oneShot,
  ],
  [
    /^(set_local_mysql_root_password|update_sql_config|save_spamd_config|update_contact_email|set_primary_servername|set_tier|set_cpanel_updates|update_updateconf|participate_in_analytics)$/,
    why.noRead,
  ],
  [/^(restrict_whm_root_access|allow_all_whm_root_access|configurebackgroundprocesskiller)$/, why.noRead],
];

/** Reasons for single functions no rule above fits. */
const BY_NAME: Record<string, string> = {
  is_sni_supported: 'whether the installed cPanel version supports SNI, a fixed fact of the version that nothing in the world changes',
  rebuild_mail_sni_config: 'rebuilds a configuration file mail_sni_status does not need: that status reads the live SSL hosts',
  analyze_transfer_session_remote: 'analyses the remote server of a transfer session, which the emulator does not reach',
  retrieve_transfer_session_remote_analysis: 'reads the analysis of a transfer session’s remote server, which the emulator does not reach',
  php_get_impacted_domains: 'lists the domains a change of the system PHP version would affect (inferred from the vhosts), not yet computed from the world',
  php_set_session_save_path: why.noRead,
  available_transfer_modules: 'the transfer modules of the installed cPanel version, a fixed catalogue',
  restore_modules_summary:
    'the account-restoration modules of the installed cPanel version and what each restores (Whostmgr::Transfers::AccountRestoration), a fixed catalogue no call changes',
  set_provider_client_configurations: 'its read, get_provider_client_configurations, has no documented response, so mockpanel does not serve it',
  modsec_assemble_config_text:
    'writes a configuration file’s text in chunks (init, text…, final, deploy) that mockpanel does not assemble; modsec_set_config_text is the one-call form it keeps',
  accesshash: 'answers the remote access hash of a user, a key the emulator does not generate (WHM deprecates it for API tokens)',
  get_upgrade_opportunities: "compares accounts' disk use against plans, with usage figures the emulator does not measure",
  get_users_authn_linked_accounts: 'lists links to external identity providers made by logging in through them, which the emulator does not offer',
  get_appconfig_application_list: 'lists the AppConfig applications installed on the host',
  get_available_applications: 'lists the applications installed on the host for feature lists',
  get_available_profiles: 'lists the server profiles of the installed cPanel licence',
  is_role_enabled: 'whether a role of the current server profile is enabled, which the licence decides',
  force_dedistribution_from_node:
    'moves an account back from a linked child node; the emulator links no server nodes, so no documented read (list_user_child_nodes) can show it',
  start_cpanel_update:
    'starts a cPanel software update whose only documented reads (get_update_availability, the version functions) report the installed software of the host, which the emulator does not have',
  install_rpm_plugin:
    'installs a cPanel plugin RPM; its only documented read, list_rpms, reports the host’s package database, which the emulator does not have',
  uninstall_rpm_plugin:
    'removes a cPanel plugin RPM; its only documented read, list_rpms, reports the host’s package database, which the emulator does not have',
  list_linked_server_nodes: 'lists linked server nodes, which the emulator does not link',
  list_user_child_nodes: 'lists accounts distributed to child nodes, which the emulator does not link',
  get_all_contact_importances: 'the full notification catalogue of the installed cPanel version',
  cpgreylist_is_server_netblock_trusted: "compares the server's own network block with the trusted hosts, and the emulator has no network block",
  nginxmanager_get_cache_config_system:
    'the NGINX Manager system configuration (nginxmanager_set_cache_config without a user writes it; mockpanel shows that in nginxmanager_get_cache_config_users)',
  modsec_get_configs_with_changes_pending: 'lists configuration files with staged changes; the emulator stages none',
};

/** Why the function answers its documented sample; undefined for a function no rule describes (test/whm/families.test.ts allows none). */
export function sampleReason(method: MethodContract): string | undefined {
  return BY_NAME[method.name] ?? RULES.find(([rule]) => rule.test(method.name))?.[1];
}
