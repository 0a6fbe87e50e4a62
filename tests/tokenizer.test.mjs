// Our analyzer against scikit-learn's (Python's re with the same token pattern, on tricky strings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../web/node.js';
import { readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const cases = readJson('tokenizer_cases.json');

test('tokens equal scikit-learn analyzer output on tricky strings', async () => {
  for (const { text, tokens } of cases) assert.deepEqual(await analyze(text), tokens, JSON.stringify(text));
});

test('english stop words are removed as scikit-learn does', async () => {
  for (const { text, tokens_english } of cases) {
    assert.deepEqual(await analyze(text, { stopWords: 'english' }), tokens_english, JSON.stringify(text));
  }
});

test('n-grams join stop-word-filtered tokens with one space', async () => {
  const terms = await analyze('The cat sat on the mat', { stopWords: 'english', ngramRange: [1, 2] });
  assert.deepEqual(terms, ['cat', 'sat', 'mat', 'cat sat', 'sat mat']);
  assert.deepEqual(await analyze('one two three', { ngramRange: [2, 3] }), ['one two', 'two three', 'one two three']);
});

test('lowercase: false keeps case; a user stop-word list is honoured', async () => {
  assert.deepEqual(await analyze('Hello World', { lowercase: false }), ['Hello', 'World']);
  assert.deepEqual(await analyze('red green blue', { stopWords: ['green'] }), ['red', 'blue']);
});
