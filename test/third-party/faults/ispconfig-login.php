<?php
// PHP SoapClient (non-WSDL, as ISPConfig's own examples use it) logs in once and prints what happened as JSON.
$client = new SoapClient(null, ['location' => $argv[1], 'uri' => 'https://localhost/remote/', 'trace' => 1, 'exceptions' => true, 'connection_timeout' => 10]);
$start = microtime(true);
try {
    $out = ['ok' => true, 'result' => $client->login('admin', 'admin')];
} catch (SoapFault $f) {
    $out = ['ok' => false, 'kind' => 'SoapFault', 'faultcode' => $f->faultcode, 'faultstring' => $f->faultstring];
}
$out['elapsedMs'] = (int) round((microtime(true) - $start) * 1000);
echo json_encode($out), "\n";
