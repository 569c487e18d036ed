/** `node:assert/strict` in the web suite bundle: the `assert` package (Node's assert, ported to browsers). */
import assert from 'assert';

export = assert.strict;
