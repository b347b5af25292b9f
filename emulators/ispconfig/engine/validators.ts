import type { FormDef, FormRule } from '../schema/index.js';
import type { RecordScope, Profile } from '../store/scope.js';
import { countEqual } from '../store/validation.js';
import { customValidator } from './custom-validators.js';
import { idnToAscii, intval, isEmail, isIp, looseCompare, str, stripTags } from './php.js';

/** What a validator sees besides the value: the form, the action and the record being saved. */
export interface ValidationScope {
  call: RecordScope;
  form: FormDef;
  profile: Profile;
  action: 'INSERT' | 'UPDATE';
  primaryId: number;
  record: Record<string, unknown>;
}

/** `tform_base->filterField(…, 'SAVE')`: the SAVE filters of a field, in order. */
export function applyFilters(value: unknown, filters: FormRule[] | undefined): unknown {
  if (!filters) return value;
  let v = value;
  for (const f of filters) {
    if (f.event !== 'SAVE') continue;
    const s = str(v);
    switch (f.type) {
      case 'TOLOWER':
        v = s.toLowerCase();
        break;
      case 'TOUPPER':
        v = s.toUpperCase();
        break;
      case 'IDNTOASCII':
        v = idnToAscii(s);
        break;
      case 'TRIM':
        v = s.trim();
        break;
      case 'NOWHITESPACE':
        v = s.replace(/\s+/g, '');
        break;
      case 'STRIPTAGS':
        v = stripTags(s);
        break;
      case 'STRIPNL':
        v = s.replace(/[\n\r]/g, '');
        break;
      case 'NORMALIZEPATH':
        v = normalizePath(s);
        break;
      default:
        // TOLATIN1 and display-only filters change nothing mockpanel stores (inferred: values stay UTF-8).
        v = s;
    }
  }
  return v;
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\/{2,}/g, '/').split('/')) {
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '') out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** A PHP preg pattern (`/…/flags`, `@…@`, `~…~`) as a JS RegExp; `s` is added as ISPConfig adds it. */
export function phpRegex(pattern: string): RegExp {
  const delim = pattern[0];
  const end = pattern.lastIndexOf(delim);
  const body = pattern.slice(1, end);
  const flags = pattern.slice(end + 1);
  let js = [...new Set((flags + 's').split(''))].filter((f) => 'imsu'.includes(f)).join('');
  // PCRE's \A and \z anchors; a lone $ in PCRE also matches before a final newline (PCRE_DOLLAR_ENDONLY unset).
  let source = body.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  if (/[^\x00-\x7f]/.test(source) && !js.includes('u')) js += 'u';
  // PCRE lets any punctuation be escaped; JavaScript's unicode mode allows only its syntax characters.
  if (js.includes('u')) source = source.replace(/\\([^A-Za-z0-9^$\\.*+?()[\]{}|/-])/g, '$1');
  // PCRE names scripts bare (\p{Latin}); JavaScript wants \p{Script=Latin}.
  source = source.replace(/\\([pP])\{(Latin|Greek|Cyrillic|Arabic|Hebrew|Han|Common)\}/g, '\\$1{Script=$2}');
  return new RegExp(source, js);
}

const regexCache = new Map<string, RegExp | null>();

function regexMatches(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = phpRegex(pattern);
    } catch {
      re = null;
    }
    regexCache.set(pattern, re);
  }
  // A pattern JS cannot compile is treated as passing (none of ISPConfig 3.2.11's does; a schema test checks).
  if (!re) return true;
  return re.test(value) || (value.endsWith('\n') && re.test(value.slice(0, -1)));
}

/**
 * `tform_base->validateField`: runs a field's validators and returns the
 * text they append to errorMessage: built-in validators their untranslated
 * errmsg key plus `<br />\r\n` (the remote API loads no language file),
 * CUSTOM ones whatever they return (tform_base.inc.php, 3.2.11).
 */
export function validateField(name: string, value: unknown, validators: FormRule[] | undefined, scope: ValidationScope): string {
  if (!validators) return '';
  let errors = '';
  const fail = (v: FormRule) => (errors += `${v.errmsg ?? ''}<br />\r\n`);
  const s = str(value);
  for (const v of validators) {
    const allowEmpty = v.allowempty === 'y';
    switch (v.type) {
      case 'REGEX':
        if (!regexMatches(v.regex ?? '//', s)) fail(v);
        break;
      case 'UNIQUE':
        if (!allowEmpty || s !== '') {
          if (countEqual(scope.call.db, scope.form.table, name, s, scope.action === 'INSERT' ? undefined : String(scope.primaryId)) > 0) fail(v);
        }
        break;
      case 'NOTEMPTY':
        if (value === undefined || value === null || s === '') fail(v);
        break;
      case 'ISASCII':
        if (/[^\x20-\x7f]/.test(s)) fail(v);
        break;
      case 'ISDOMAIN':
        if (!(allowEmpty && s === '') && !isEmail(`check@${s}`)) fail(v);
        break;
      case 'ISEMAIL':
        // ISPConfig also refuses a '+' anywhere in the address.
        if (!(allowEmpty && s === '') && (!isEmail(s) || s.includes('+'))) fail(v);
        break;
      case 'ISEMAILADDRESS':
        if (!(allowEmpty && s === '') && !isEmail(s)) fail(v);
        break;
      case 'ISINT':
        if (s !== '' && !/^\s*[+-]?\d+\s*$/.test(s)) fail(v);
        break;
      case 'ISPOSITIVE':
        if (s !== '' && !(/^\s*\+?\d+\s*$/.test(s) && intval(s) >= 1)) fail(v);
        break;
      case 'ISIPV4':
        if (!isIp(s, 4)) fail(v);
        break;
      case 'ISIPV6':
        if (!isIp(s, 6)) fail(v);
        break;
      case 'ISIP':
        if (!(allowEmpty && s === '')) {
          const parts = v.separator ? s.split(v.separator) : [s];
          for (const p of parts) if (!isIp(p.trim())) fail(v);
        }
        break;
      case 'ISDATETIME':
        if (!(allowEmpty && s === '') && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) fail(v);
        break;
      case 'RANGE': {
        const [lo, hi] = (v.range ?? ':').trim().split(':');
        if ((lo !== '' && looseCompare(value, Number(lo)) < 0) || (hi !== undefined && hi !== '' && looseCompare(value, Number(hi)) > 0)) fail(v);
        break;
      }
      case 'CUSTOM':
        errors += customValidator(v, name, value, scope);
        break;
      default:
        errors += `Unknown Validator: ${v.type}`;
    }
  }
  return errors;
}
