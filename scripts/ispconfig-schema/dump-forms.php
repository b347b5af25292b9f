<?php
// Dev tool (not shipped behaviour): prints the ISPConfig form definitions the remote API loads, as JSON.
// usage: php dump-forms.php <ispconfig checkout> <interface/web/.../x.tform.php>...
// Forms are evaluated the way remoting_lib::loadFormDef does (admin context), with the panel's
// helpers stubbed: they only feed select lists, which the remote API never consults.
error_reporting(E_ERROR | E_PARSE);

class Stub implements ArrayAccess {
  public function __call($name, $args) {
    if ($name === 'is_admin' || $name === 'is_superadmin') return true;
    if ($name === 'lng') return $args[0] ?? '';
    if (in_array($name, ['has_clients', 'is_under_maintenance', 'check_module_permissions'], true)) return false;
    return array();
  }
  public function __get($name) { return $name === 'getconf' ? new GetConf() : new Stub(); }
  public function offsetExists($o): bool { return false; }
  public function offsetGet($o): mixed { return null; }
  public function offsetSet($o, $v): void {}
  public function offsetUnset($o): void {}
}

// Forms branch on the panel's config (mail_user's autoresponder tab, web_vhost_domain's PHP options):
// the stock configs the installer writes (install/tpl/*.ini.master) answer those questions.
class GetConf {
  private static function ini($file) {
    return parse_ini_string(file_get_contents($GLOBALS['__root'] . '/install/tpl/' . $file), true, INI_SCANNER_RAW);
  }
  public function get_global_config($section = '') {
    $c = self::ini('system.ini.master');
    return $section === '' ? $c : ($c[$section] ?? array());
  }
  public function get_server_config($id, $section = '') {
    $c = self::ini('server.ini.master');
    return $section === '' ? $c : ($c[$section] ?? array());
  }
  public function __call($name, $args) { return array(); }
}

$__root = realpath($argv[1]);
define("ISPC_ROOT_PATH", $__root . "/interface");
define("ISPC_LIB_PATH", $__root . "/interface/lib");
define("ISPC_WEB_PATH", $__root . "/interface/web");
define("ISPC_WEB_TEMP_PATH", sys_get_temp_dir());
define("ISPC_APP_VERSION", "3.2.11");
define("ISPC_VERSION", "3.2.11");
define("ISPC_THEMES_PATH", $__root . "/interface/web/themes");
$app = new Stub();
$conf = array('interface_modules_enabled' => 'dashboard,mail,sites,dns,tools', 'language' => 'en');
$_SESSION = array('s' => array('user' => array('typ' => 'admin', 'userid' => 1, 'default_group' => 1, 'client_id' => 0)));
$__out = array();
foreach (array_slice($argv, 2) as $__file) {
  $form = null;
  chdir(dirname($__root . '/' . $__file));
  include $__root . '/' . $__file;
  $__fields = array();
  foreach ($form['tabs'] as $__tab) {
    foreach ($__tab['fields'] as $__key => $__field) {
      $__keep = array();
      foreach (array('datatype', 'formtype', 'value', 'separator', 'encryption', 'filters', 'validators', 'regex', 'errmsg') as $__k) {
        if (isset($__field[$__k])) $__keep[$__k] = $__field[$__k];
      }
      // Validators run in PHP's foreach order, which is insertion order, not key order (mail_user.quota lists 1 before 0).
      foreach (array('filters', 'validators') as $__k) if (isset($__keep[$__k])) $__keep[$__k] = array_values($__keep[$__k]);
      if (isset($__keep['value']) && !is_array($__keep['value'])) unset($__keep['value']);
      if (isset($__keep['value']) && ($__keep['formtype'] ?? '') !== 'CHECKBOX') unset($__keep['value']);
      $__fields[$__key] = $__keep;
    }
  }
  $__name = preg_replace('/\.tform\.php$/', '', basename($__file));
  $__out[$__name] = array(
    'file' => $__file,
    'table' => $form['db_table'],
    'index' => $form['db_table_idx'],
    'auth' => $form['auth'] ?? 'no',
    'history' => $form['db_history'] ?? 'no',
    'perm_other' => $form['auth_preset']['perm_other'] ?? '',
    'fields' => $__fields,
  );
}
echo json_encode($__out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
