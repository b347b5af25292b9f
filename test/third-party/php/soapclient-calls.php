<?php
// PHP's SoapClient (non-WSDL, as ISPConfig's examples build it) calling a mockpanel test server.
// usage: php soapclient-calls.php <location> <1|2> <method>...
// Prints one JSON line per method: {"method":m,"value":tag} or {"method":m,"fault":[faultcode,faultstring]}.
// The method "echo" sends one parameter of every PHP type and prints what came back.
require __DIR__ . '/tags.php';

$location = $argv[1];
$client = new SoapClient(null, array(
    'location' => $location,
    'uri' => preg_replace('#index\.php$#', '', $location),
    'trace' => 1,
    'exceptions' => true,
    'soap_version' => ($argv[2] ?? '1') === '2' ? SOAP_1_2 : SOAP_1_1,
));
$echo = array('s', 1, -2, 1.25, 0.1, true, false, null, '', array('a', 'b'),
    array('k' => 'v', 'n' => 3, 'nested' => array('x' => array(1, 2))), array(), 'Zürich & <co>', 1099511627776, array(1 => 'one', 2 => 'two'));
foreach (array_slice($argv, 3) as $method) {
    try {
        $value = $method === 'echo' ? $client->__soapCall('echo', $echo) : $client->__soapCall($method, array('sid', 1));
        echo json_encode(array('method' => $method, 'value' => to_tag($value))), "\n";
    } catch (SoapFault $f) {
        echo json_encode(array('method' => $method, 'fault' => array($f->faultcode, $f->faultstring))), "\n";
    }
}
// What echo sent, tagged, for the test to compare with what came back.
echo json_encode(array('method' => '(sent)', 'value' => to_tag($echo))), "\n";
