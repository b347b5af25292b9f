// The throwaway CA `mockpanel run --hosts` makes, used by the tests that give clients a real hostname.
export { makeThrowawayPki as makeTestPki, type ThrowawayPki as TestPki } from '../../../cli/throwaway-pki.js';
