<?php
// Tagged JSON for PHP values, shared by the PHP helpers of mockpanel's tests.
// Values cross the process boundary as tagged JSON so that PHP types survive:
//   {"t":"n"} null, {"t":"b","v":true}, {"t":"i","v":"42"} int (decimal text, 64-bit),
//   {"t":"f","v":"3ff8000000000000"} float (IEEE 754 bits, big-endian hex),
//   {"t":"s","v":"<base64>"} string (raw bytes), {"t":"a","e":[[key, value], ...]} array,
//   {"t":"o","e":[...]} object (a decoded stdClass); keys {"k":"i","v":"1"} or {"k":"s","v":"<base64>"}.

function from_tag(array $t) {
    switch ($t['t']) {
        case 'n': return null;
        case 'b': return (bool)$t['v'];
        case 'i': return intval($t['v']);
        case 'f': return unpack('E', hex2bin($t['v']))[1];
        case 's': return base64_decode($t['v']);
        case 'a':
            $a = array();
            foreach ($t['e'] as $kv) {
                $k = $kv[0];
                $a[$k['k'] === 'i' ? intval($k['v']) : base64_decode($k['v'])] = from_tag($kv[1]);
            }
            return $a;
    }
    throw new Exception('bad tag');
}

function to_tag($v) {
    if (is_null($v)) return array('t' => 'n');
    if (is_bool($v)) return array('t' => 'b', 'v' => $v);
    if (is_int($v)) return array('t' => 'i', 'v' => (string)$v);
    if (is_float($v)) return array('t' => 'f', 'v' => bin2hex(pack('E', $v)));
    if (is_string($v)) return array('t' => 's', 'v' => base64_encode($v));
    $e = array();
    $object = is_object($v);
    foreach (($object ? get_object_vars($v) : $v) as $k => $x) {
        $e[] = array(is_int($k) ? array('k' => 'i', 'v' => (string)$k) : array('k' => 's', 'v' => base64_encode((string)$k)), to_tag($x));
    }
    return array('t' => $object ? 'o' : 'a', 'e' => $e);
}
