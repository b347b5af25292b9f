<?php
// PHP SoapClient (non-WSDL) walking into ISPConfig's known footguns, as a naive client would:
// php ispconfig_footguns.php LOCATION. Faults are caught: the report is what is being tested.
$client = new SoapClient(null, ['location' => $argv[1], 'uri' => 'https://localhost/remote/', 'exceptions' => true]);
$sid = $client->login('admin', 'admin');
$calls = [
    ['client_update', [$sid, 1, 0, ['company_name' => 'Widgets']]],                        // no password
    ['dns_a_add', [$sid, 0, ['server_id' => 1, 'zone' => 1, 'name' => 'www', 'data' => '192.0.2.7']]], // no type
    ['dns_zone_get_id', [$sid, 'example.com.']],                                            // trailing dot
    ['sites_web_domain_update', [$sid, 2, 1, ['php' => 'php-fpm']]],                       // client_id re-owns
    ['client_get_by_name', [$sid, 'nobody']],                                               // no such method
];
foreach ($calls as [$method, $args]) {
    try {
        $client->__soapCall($method, $args);
        echo json_encode(['call' => $method, 'ok' => true]), "\n";
    } catch (SoapFault $f) {
        echo json_encode(['call' => $method, 'fault' => $f->faultcode]), "\n";
    }
}
$client->logout($sid);
