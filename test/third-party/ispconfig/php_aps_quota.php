<?php
// The APS installer flow and the quota reports with PHP's own SoapClient in non-WSDL mode. Prints one JSON line per
// step; `types` gives PHP's gettype() of each member of the first row, since SOAP carries the types and JSON blurs them.
// usage: php php_aps_quota.php <base url> <user> <password> setup
//        php php_aps_quota.php <base url> <user> <password> finish <session id> <client id> <instance id>
[$self, $base, $user, $password, $phase] = $argv;
$client = new SoapClient(null, [
  'location' => "$base/remote/index.php",
  'uri' => "$base/remote/",
  'trace' => 1,
  'exceptions' => 1,
]);

function types(mixed $value): mixed {
  $row = is_array($value) && array_is_list($value) ? ($value[0] ?? null) : $value;
  if (!is_array($row)) return gettype($row);
  return array_map(fn($v) => is_array($v) ? array_map('gettype', $v) : gettype($v), $row);
}

function step(string $label, callable $call): mixed {
  try {
    $result = $call();
    echo json_encode(['step' => $label, 'ok' => $result, 'types' => types($result)]), "\n";
    return $result;
  } catch (SoapFault $e) {
    echo json_encode(['step' => $label, 'fault' => [$e->faultcode, $e->faultstring]]), "\n";
    return null;
  }
}

function quotaReports(SoapClient $client, string $sid, int $clientId, string $when): void {
  step("quota_get_by_user $when", fn() => $client->quota_get_by_user($sid, $clientId));
  step("trafficquota_get_by_user $when", fn() => $client->trafficquota_get_by_user($sid, $clientId, 1));
  step("ftptrafficquota_data $when", fn() => $client->ftptrafficquota_data($sid, $clientId));
  step("mailquota_get_by_user $when", fn() => $client->mailquota_get_by_user($sid, $clientId));
  step("databasequota_get_by_user $when", fn() => $client->databasequota_get_by_user($sid, $clientId));
}

if ($phase === 'setup') {
  $sid = step('login', fn() => $client->login($user, $password));
  $clientId = (int)step('client_add', fn() => $client->client_add($sid, 0, [
    'contact_name' => 'PHP Apps', 'email' => 'apps@example.com', 'username' => 'phpapps',
    'password' => 'S3cret!pass-9', 'language' => 'en', 'web_php_options' => 'no,fast-cgi,php-fpm', 'ssh_chroot' => 'no,jailkit',
  ]));
  step('client_get', fn() => $client->client_get($sid, $clientId));
  $siteId = (int)step('sites_web_domain_add', fn() => $client->sites_web_domain_add($sid, $clientId, [
    'server_id' => 1, 'ip_address' => '*', 'domain' => 'php-apps.test', 'type' => 'vhost', 'parent_domain_id' => 0,
    'vhost_type' => 'name', 'hd_quota' => 1000, 'traffic_quota' => -1, 'cgi' => 'n', 'ssi' => 'n', 'suexec' => 'y',
    'errordocs' => 1, 'subdomain' => 'www', 'php' => 'php-fpm', 'ruby' => 'n', 'ssl' => 'n', 'stats_type' => 'awstats',
    'allow_override' => 'All', 'pm' => 'ondemand', 'pm_max_requests' => 0, 'pm_process_idle_timeout' => 10,
    'backup_copies' => 1, 'active' => 'y', 'http_port' => 80, 'https_port' => 443,
  ]));
  step('mail_domain_add', fn() => $client->mail_domain_add($sid, $clientId, ['server_id' => 1, 'domain' => 'php-apps.test', 'active' => 'y']));
  step('mail_user_add', fn() => $client->mail_user_add($sid, $clientId, [
    'server_id' => 1, 'email' => 'info@php-apps.test', 'login' => 'info@php-apps.test', 'password' => 'Sup3r-secret', 'name' => 'Info', 'quota' => 1073741824, 'postfix' => 'y',
  ]));
  quotaReports($client, $sid, $clientId, 'fresh');

  step('sites_aps_update_package_list', fn() => $client->sites_aps_update_package_list($sid));
  $packages = step('sites_aps_available_packages_list', fn() => $client->sites_aps_available_packages_list($sid, []));
  $wordpress = 0;
  foreach ($packages ?? [] as $p) if ($p['name'] === 'WordPress') $wordpress = (int)$p['id'];
  step('sites_aps_get_package_details', fn() => $client->sites_aps_get_package_details($sid, $wordpress));
  step('sites_aps_get_package_settings', fn() => $client->sites_aps_get_package_settings($sid, $wordpress));
  step('sites_aps_get_package_file', fn() => $client->sites_aps_get_package_file($sid, $wordpress, 'icon.png'));
  step('sites_aps_change_package_status wrong', fn() => $client->sites_aps_change_package_status($sid, $wordpress, ['package_status' => 7]));
  step('sites_aps_install_package incomplete', fn() => $client->sites_aps_install_package($sid, $wordpress, ['main_domain' => 'php-apps.test', 'main_location' => '']));
  $instance = step('sites_aps_install_package', fn() => $client->sites_aps_install_package($sid, $wordpress, [
    'main_domain' => 'php-apps.test', 'main_location' => 'blog', 'license' => 'on', 'main_database_password' => 'Db-secret-123',
    'admin_name' => 'admin', 'admin_password' => 'Adm1n-Secret!', 'admin_email' => 'admin@php-apps.test', 'title' => 'Blog', 'locale' => 'en-US',
  ]));
  step('sites_aps_instance_get queued', fn() => $client->sites_aps_instance_get($sid, (int)$instance));
  echo json_encode(['step' => 'handover', 'ok' => [$sid, $clientId, $instance]]), "\n";
} else {
  [, , , , , $sid, $clientId, $instance] = $argv;
  quotaReports($client, $sid, (int)$clientId, 'measured');
  step('sites_aps_instance_get installed', fn() => $client->sites_aps_instance_get($sid, (int)$instance));
  step('sites_aps_instance_settings_get', fn() => $client->sites_aps_instance_settings_get($sid, (int)$instance));
  step('sites_aps_instance_delete', fn() => $client->sites_aps_instance_delete($sid, (int)$instance, ['keep_database' => true]));
  step('sites_aps_instance_get removing', fn() => $client->sites_aps_instance_get($sid, (int)$instance));
  step('sites_aps_instance_delete unknown', fn() => $client->sites_aps_instance_delete($sid, 99999));
}
