/**
 * The instant every world in this suite starts at (vitest.config.ts sets it as
 * MOCKPANEL_CLOCK for every test and every mockpanel process a test spawns),
 * so the suite answers the same on any calendar day. It is the instant of the
 * recorded ISPConfig 3.2.11 run (conformance/ispconfig/evidence), whose
 * answers carry that day's timestamps. A test that needs the wall clock
 * passes `clock: { at: 'now' }` and says why.
 */
export const TEST_EPOCH = '2026-11-22T12:10:35Z';
