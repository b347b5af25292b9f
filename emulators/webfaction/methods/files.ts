import { sessionHandlers, str, treeOf, type WfHandler } from '../call.js';
import { invalid } from '../faults.js';

/** Seed § write_file: w and wb write, a and ab append (Python open() modes). */
const MODES: Record<string, { append: boolean }> = { w: { append: false }, wb: { append: false }, a: { append: true }, ab: { append: true } };

const handlers: Record<string, WfHandler> = {
  write_file(c) {
    const mode = MODES[str(c.p.mode)];
    if (!mode) throw invalid('mode', `must be one of w, wb, a, ab, got "${str(c.p.mode)}"`);
    const tree = treeOf(c);
    const filename = str(c.p.filename);
    // Relative paths start where the session is: home, or the app create_app just made (daisylb/webfaction-installers, realworld.md §1.4).
    tree.writeFile(tree.resolve(filename, c.session.cwd), Buffer.from(str(c.p.str), 'utf8'), mode.append, filename);
    // Undocumented return: an empty struct, never nil (summary.md §4.4).
    return {};
  },

  replace_in_file(c) {
    const tree = treeOf(c);
    const filename = str(c.p.filename);
    const path = tree.resolve(filename, c.session.cwd);
    let text = tree.readFile(path, filename).toString('utf8');
    for (const change of (c.p.changes as unknown[]) ?? []) {
      // Seed § replace_in_file: each change is a pair [old, new].
      if (!Array.isArray(change) || change.length !== 2 || typeof change[0] !== 'string' || typeof change[1] !== 'string') {
        throw invalid('changes', `each change is a pair [old, new] of strings, got ${JSON.stringify(change)}`);
      }
      if (change[0] === '') throw invalid('changes', 'the text to replace must not be empty');
      text = text.split(change[0]).join(change[1]);
    }
    tree.writeFile(path, Buffer.from(text, 'utf8'), false, filename);
    // Seed example: replace_in_file(...) answers ''.
    return '';
  },
};

export const fileHandlers = sessionHandlers(handlers);
