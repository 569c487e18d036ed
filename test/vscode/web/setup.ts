/**
 * mocha's browser build, set up before the test files load (they call `suite` and `test` as
 * they are evaluated): the tdd interface and the spec reporter, whose lines go to the console
 * as in the Node host.
 */
import browserMocha from 'mocha/mocha.js';

export const mocha = browserMocha as unknown as BrowserMocha;
mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 120_000, color: false });
