import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openMemory } from '../../state/database.js';
import { HomeTree } from './home-tree.js';
import { PhpError, runPhp } from './php.js';
import { webfactionMigrations } from './schema.js';
import { seedWebfaction } from './seed.js';

const HOME = '/home/widgetsco';
let tree: HomeTree;

beforeEach(() => {
  const db = openMemory();
  migrate(db, [{ id: 'webfaction', migrations: webfactionMigrations }]);
  seedWebfaction(db, { nowSeconds: 1_700_000_000, config: undefined });
  tree = new HomeTree(db, 12345, [HOME], 1_700_000_000);
});

const php = (script: string, before = '') => runPhp(before, script, { tree, cwd: HOME, scriptName: `${HOME}/s.php` });

describe('run_php_script PHP subset', () => {
  it('prints text outside the tags and what echo/print say inside', () => {
    expect(php('<h1><?php echo "Hi"; ?></h1>\n<?= 1 + 2 ?>\n')).toBe('<h1>Hi</h1>\n3');
    expect(php("<?php print 'a' . 'b'; echo 'c', PHP_EOL;")).toBe('abc\n');
  });

  it('runs code_before first, in the same variable scope, and interpolates "$var"', () => {
    expect(php('<?php $greeting .= ", $name!"; echo $greeting;', "$greeting = 'Hello'; $name = strtoupper('widgets');")).toBe('Hello, WIDGETS!');
    expect(php('<?php echo "cost: \\$5";')).toBe('cost: $5');
  });

  it('reads and writes files in the home tree', () => {
    php("<?php file_put_contents('conf.ini', 'debug=0' . PHP_EOL); file_put_contents('conf.ini', 'cache=1', FILE_APPEND);");
    expect(tree.readFile(`${HOME}/conf.ini`).toString()).toBe('debug=0\ncache=1');
    expect(php("<?php echo str_replace('0', 'off', file_get_contents('conf.ini'));")).toBe('debug=off\ncache=1');
    expect(php("<?php echo file_exists('conf.ini'), '/', file_exists('nope.ini');")).toBe('1/');
  });

  it('stops at exit/die with its message', () => {
    expect(php("<?php echo 'a'; die('stop'); echo 'b';")).toBe('astop');
  });

  it('says plainly what it does not run', () => {
    expect(() => php('<?php if ($x) { echo 1; }')).toThrow(PhpError);
    expect(() => php('<?php if ($x) { echo 1; }')).toThrow(/PHP Parse error: +syntax error, unexpected '\{'.*mockpanel runs a PHP subset/);
    expect(() => php('<?php mysql_connect("x");')).toThrow(/Call to undefined function mysql_connect\(\)/);
  });
});
