import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';

/** Seed § write_file: w and wb write, a and ab append (Python open() modes). */
const MODES: Record<string, { append: boolean }> = { w: { append: false }, wb: { append: false }, a: { append: true }, ab: { append: true } };

/** Seed § Files. */
export const fileMethods = defineMethods<WfCall>({
  write_file: {
    run(call) {
      const mode = MODES[call.str('mode')];
      if (!mode) throw faults.invalid('mode', `must be one of w, wb, a, ab, got "${call.str('mode')}"`);
      const tree = call.tree();
      const filename = call.str('filename');
      // Relative paths start where the session is: home, or the app create_app just made (daisylb/webfaction-installers wfinstaller.py).
      tree.writeFile(tree.resolve(filename, call.session.cwd), Buffer.from(call.str('str'), 'utf8'), mode.append, filename);
      // Undocumented return: an empty struct, never nil (Ansible's modules call result.update() on what delete/write calls answer).
      return {};
    },
  },

  replace_in_file: {
    run(call) {
      const tree = call.tree();
      const filename = call.str('filename');
      const path = tree.resolve(filename, call.session.cwd);
      let text = tree.readFile(path, filename).toString('utf8');
      for (const change of call.list('changes')) {
        // Seed § replace_in_file: each change is a pair [old, new].
        if (!Array.isArray(change) || change.length !== 2 || typeof change[0] !== 'string' || typeof change[1] !== 'string') {
          throw faults.invalid('changes', `each change is a pair [old, new] of strings, got ${JSON.stringify(change)}`);
        }
        if (change[0] === '') throw faults.invalid('changes', 'the text to replace must not be empty');
        text = text.split(change[0]).join(change[1]);
      }
      tree.writeFile(path, Buffer.from(text, 'utf8'), false, filename);
      // Seed example: replace_in_file(...) answers ''.
      return '';
    },
  },
});
