<?php
// Router for `php -S`: a SoapServer built as ISPConfig's remote/index.php builds
// it (non-WSDL, uri = REQUEST_URI), reading php://input as a real deployment
// does. Every method answers {"method": name, "args": tagged args} as JSON.
require __DIR__ . '/tags.php';

class Echoer {
    public function __call($method, $args) {
        return json_encode(array('method' => $method, 'args' => to_tag($args)), 0, 100000);
    }
}

$server = new SoapServer(null, array('uri' => $_SERVER['REQUEST_URI']));
$server->setObject(new Echoer());
$server->handle();
