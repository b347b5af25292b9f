<?php
// PHP's own ext/soap as an oracle for mockpanel's SOAP codec tests.
// Tagged values: see tags.php.
//
// usage:
//   php soap-oracle.php encode <uri> <1|2>   tagged values on stdin, one per line -> base64 SoapServer body per line
//   php soap-oracle.php client-decode         base64 response bodies on stdin -> {"value":tag} or {"fault":[code,string]} per line

require __DIR__ . '/tags.php';

class Answer {
    public $value;
    public function __call($method, $args) { return $this->value; }
}

class CannedClient extends SoapClient {
    public $body;
    public function __doRequest($request, $location, $action, $version, $oneWay = false): ?string { return $this->body; }
}

$mode = $argv[1] ?? '';
if ($mode === 'encode') {
    $uri = $argv[2];
    $v12 = ($argv[3] ?? '1') === '2';
    $request = $v12
        ? '<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><m/></env:Body></env:Envelope>'
        : '<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><m/></e:Body></e:Envelope>';
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') continue;
        $answer = new Answer();
        $answer->value = from_tag(json_decode($line, true));
        $server = new SoapServer(null, array('uri' => $uri));
        $server->setObject($answer);
        ob_start();
        @$server->handle($request);
        echo base64_encode(ob_get_clean()), "\n";
    }
} elseif ($mode === 'client-decode') {
    $client = new CannedClient(null, array('location' => 'http://127.0.0.1/remote/index.php', 'uri' => 'urn:x', 'exceptions' => true));
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') continue;
        $client->body = base64_decode(trim($line));
        try {
            echo json_encode(array('value' => to_tag($client->__soapCall('m', array())))), "\n";
        } catch (SoapFault $f) {
            echo json_encode(array('fault' => array($f->faultcode, $f->faultstring))), "\n";
        }
    }
} else {
    fwrite(STDERR, "usage: soap-oracle.php encode|client-decode\n");
    exit(2);
}
