<?php
// ISPConfig's remote API examples (remoting_client/examples): log in with
// SoapClient in non-WSDL mode, call a function, log out. The endpoint and the
// login come from the environment `mockpanel run` provides.
$location = getenv('MOCKPANEL_ISPCONFIG_URL');
$client = new SoapClient(null, array('location' => $location, 'uri' => dirname($location) . '/', 'trace' => 1, 'exceptions' => 1));
try {
    $session_id = $client->login(getenv('MOCKPANEL_ISPCONFIG_USERNAME'), getenv('MOCKPANEL_ISPCONFIG_PASSWORD'));
    $functions = $client->get_function_list($session_id);
    echo 'functions: ' . count($functions) . "\n";
    if ($client->logout($session_id)) echo "Logged out.\n";
} catch (SoapFault $e) {
    echo 'SOAP Error: ' . $e->getMessage() . "\n";
    exit(1);
}
