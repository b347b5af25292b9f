// Summarises a V8 .cpuprofile (from `node --cpu-prof`) for a mockpanel server under load:
// the top functions by self time, and the share of busy time per stage of a call. A sample's stage is
// the innermost frame on its stack that belongs to a stage's files, so library code (fast-xml-parser,
// better-sqlite3, node:http) counts for the stage that called it.
//
//   node bench/profile-summary.mjs FILE.cpuprofile [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Innermost match wins; order matters only for frames that match several.
const STAGES = [
  ['wire capture', /core\/wire-capture\.js/],
  ['journal', /state\/journal-store\.js|core\/redact\.js/],
  [
    'decode',
    /protocol\/(xmlrpc\/(parse|codec|problem|scan)|soap\/(decode|xml-document|namespaces)|xml\/[\w-]+|whm\/(request-params|args|api-args|credentials)|ispconfig\/json-codec)\.js|fast-xml-parser/,
  ],
  ['encode', /protocol\/(xmlrpc\/(serialize|double)|soap\/(encode|codec)|whm\/json-codec|php\/[\w-]+|python\/float-repr)\.js|kernel\/escape\.js/],
  ['bind', /core\/arguments\.js/],
  ['transaction', /better-sqlite3\/lib\/methods\/transaction\.js/],
  ['handler', /emulators\/(webfaction|gandi|ispconfig|whm)\/|state\/(database|clock|world)\.js/],
  ['dispatch', /core\/(dispatcher|fault-rules|panel-fault)\.js|state\/world-registry\.js/],
  ['http door', /server\/(http-server|routing)\.js|node:_http|node:net|node:stream|node:internal\/(streams|http|stream_base)/],
];

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map();
const stageTime = new Map();
let total = 0;
let idle = 0;
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const us = dt[i + 1] ?? 0;
  const node = byId.get(profile.samples[i]);
  const name = node.callFrame.functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)') {
    idle += us;
    continue;
  }
  total += us;
  const url = node.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/');
  const key = `${name}  ${url}:${node.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  let stage = name === '(garbage collector)' ? 'gc' : 'other';
  for (let id = node.id; id !== undefined && stage === 'other'; id = parent.get(id)) {
    const u = byId.get(id).callFrame.url;
    for (const [s, re] of STAGES)
      if (re.test(u)) {
        stage = s;
        break;
      }
  }
  stageTime.set(stage, (stageTime.get(stage) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: busy ${(total / 1e3).toFixed(0)} ms, idle/program ${(idle / 1e3).toFixed(0)} ms`);
console.log('\nshare of busy time per stage (innermost stage frame on the stack):');
for (const [s, us] of [...stageTime].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${s}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
