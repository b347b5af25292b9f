<?php
// A full ISPConfig remote API session with PHP's own SoapClient in non-WSDL mode, written the way the
// ISPConfig examples (remoting_client/examples) write it. Prints one JSON line per step.
// usage: php php_session.php <base url of the panel, e.g. http://127.0.0.1:7777/_w/x/ispconfig> <user> <password>
[$self, $base, $user, $password] = $argv;
$client = new SoapClient(null, [
  'location' => "$base/remote/index.php",
  'uri' => "$base/remote/",
  'trace' => 1,
  'exceptions' => 1,
]);

function step(string $label, callable $call): mixed {
  try {
    $result = $call();
    echo json_encode(['step' => $label, 'ok' => $result]), "\n";
    return $result;
  } catch (SoapFault $e) {
    echo json_encode(['step' => $label, 'fault' => [$e->faultcode, $e->faultstring]]), "\n";
    return null;
  }
}

$sid = step('login', fn() => $client->login($user, $password));

$clientId = step('client_add', fn() => $client->client_add($sid, 0, [
  'contact_name' => 'PHP Client', 'email' => 'php@example.com', 'username' => 'phpclient',
  'password' => 'S3cret!pass-9', 'language' => 'en', 'web_php_options' => 'no,fast-cgi,php-fpm', 'ssh_chroot' => 'no,jailkit',
]));
step('client_get', fn() => $client->client_get($sid, (int)$clientId));
step('client_update', fn() => $client->client_update($sid, (int)$clientId, 0, ['company_name' => 'PHP Ltd', 'password' => '']));

$siteId = step('sites_web_domain_add', fn() => $client->sites_web_domain_add($sid, (int)$clientId, [
  'server_id' => 1, 'ip_address' => '*', 'domain' => 'php-example.test', 'type' => 'vhost', 'parent_domain_id' => 0,
  'vhost_type' => 'name', 'hd_quota' => 1000, 'traffic_quota' => -1, 'cgi' => 'n', 'ssi' => 'n', 'suexec' => 'y',
  'errordocs' => 1, 'subdomain' => 'www', 'php' => 'php-fpm', 'ruby' => 'n', 'ssl' => 'n', 'stats_type' => 'awstats',
  'allow_override' => 'All', 'pm' => 'ondemand', 'pm_max_requests' => 0, 'pm_process_idle_timeout' => 10,
  'backup_copies' => 1, 'active' => 'y', 'http_port' => 80, 'https_port' => 443,
], false));
step('sites_web_domain_get filter', fn() => $client->sites_web_domain_get($sid, ['domain' => 'php-example.test']));
step('sites_web_domain_update 1', fn() => $client->sites_web_domain_update($sid, 0, (int)$siteId, ['php' => 'fast-cgi']));
step('sites_web_domain_update 2', fn() => $client->sites_web_domain_update($sid, 0, (int)$siteId, ['php' => 'fast-cgi']));

$zoneId = step('dns_zone_add', fn() => $client->dns_zone_add($sid, (int)$clientId, [
  'server_id' => 1, 'origin' => 'php-example.test.', 'ns' => 'ns1.php-example.test.', 'mbox' => 'hostmaster.php-example.test.',
  'serial' => 2024010101, 'refresh' => 7200, 'retry' => 540, 'expire' => 604800, 'minimum' => 3600, 'ttl' => 3600, 'active' => 'Y',
]));
step('dns_zone_get_id', fn() => $client->dns_zone_get_id($sid, 'php-example.test'));
step('dns_zone_get_id trailing dot', fn() => $client->dns_zone_get_id($sid, 'php-example.test.'));
step('dns_a_add', fn() => $client->dns_a_add($sid, (int)$clientId, [
  'server_id' => 1, 'zone' => (int)$zoneId, 'name' => 'www', 'type' => 'A', 'data' => '192.0.2.10', 'ttl' => 3600, 'active' => 'Y',
], true));
step('dns_mx_add', fn() => $client->dns_mx_add($sid, (int)$clientId, [
  'server_id' => 1, 'zone' => (int)$zoneId, 'name' => 'php-example.test.', 'type' => 'MX', 'data' => 'mail.php-example.test.', 'aux' => 10, 'ttl' => 3600, 'active' => 'Y',
]));
step('dns_rr_get_all_by_zone', fn() => $client->dns_rr_get_all_by_zone($sid, (int)$zoneId));
step('dns_zone_get', fn() => $client->dns_zone_get($sid, (int)$zoneId));

step('bad session', fn() => $client->client_get('not-a-session', 1));
step('logout', fn() => $client->logout($sid));
step('after logout', fn() => $client->client_get($sid, 1));
