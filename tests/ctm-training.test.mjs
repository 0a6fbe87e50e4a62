// CTM's training options through the JavaScript API (CTM 2.6's solver, reduce_on_plateau,
// fit(validation_dataset, patience, delta, save_dir)): SGD trains and differs from Adam, the
// plateau rule lowers the learning rate as torch's ReduceLROnPlateau would on the recorded losses,
// early stopping stops where CTM's patience rule says and keeps the best epoch, checkpoints load
// back as that epoch's model, and bad options fail clearly without touching a fitted model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CTM } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const D = 384;
const all = brownDocs().slice(0, 500).map((d) => d.text);
const allEmbeddings = brownEmbeddings().slice(0, 500 * D);
const texts = all.slice(0, 400);
const embeddings = allEmbeddings.subarray(0, 400 * D);
const valTexts = all.slice(400, 500);
const valEmbeddings = allEmbeddings.subarray(400 * D, 500 * D);
const small = { nComponents: 5, vocabularySize: 400, hiddenSizes: [50, 50], batchSize: 32 };
const probe = { texts: all.slice(380, 420), embeddings: allEmbeddings.subarray(380 * D, 420 * D) };
const thetasOf = async (model) => (await model.transform(probe.texts, { embeddings: probe.embeddings, nSamples: 5 })).map((r) => [...r]);
// Two trainings of one seed agree bit for bit (src/core/aligned_new.cpp: before it, the wasm
// build's 8-byte-aligned allocations made Eigen's vectorised sums depend on where a vector landed,
// and a second training in the same process differed by up to 5e-3 in the thetas).
const maxDiff = (a, b) => Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - b[i][j]))));
function assertClose(a, b, tolerance = 0) {
  const worst = maxDiff(a, b);
  assert.ok(worst <= tolerance, `largest theta difference ${worst}`);
  return worst;
}

test("solver 'sgd' lowers the loss and trains another model than Adam", async () => {
  const sgd = new CTM({ ...small, solver: 'sgd', numEpochs: 8 });
  const r = await sgd.fit(texts, { embeddings });
  assert.ok(r.trainLoss[7] < r.trainLoss[0] * 0.98, `sgd loss ${r.trainLoss[0]} -> ${r.trainLoss[7]}`);
  assert.deepEqual([...r.learningRates], Array(8).fill(2e-3), 'without reduceOnPlateau the learning rate stays');
  const adam = new CTM({ ...small, numEpochs: 8 });
  const ra = await adam.fit(texts, { embeddings });
  assert.notDeepEqual(sgd.getTopicWordMatrix().map((row) => [...row]), adam.getTopicWordMatrix().map((row) => [...row]));
  assert.notEqual(r.trainLoss[7], ra.trainLoss[7]);
  console.log(`  train loss: sgd ${r.trainLoss[0].toFixed(1)} -> ${r.trainLoss[7].toFixed(1)}, adam ${ra.trainLoss[0].toFixed(1)} -> ${ra.trainLoss[7].toFixed(1)}`);
  assert.equal(sgd.options.solver, 'sgd');
  const loaded = await CTM.load(sgd.save());
  assert.deepEqual(loaded.options, sgd.options, 'a loaded model knows the options it was trained with');
  loaded.free();
  sgd.free();
  adam.free();
});

// torch.optim.lr_scheduler.ReduceLROnPlateau(patience=10), its other defaults, mode 'min'.
function replayPlateau(losses, lr) {
  let best = Infinity, bad = 0;
  const out = [];
  for (const loss of losses) {
    out.push(lr);
    if (loss < best * (1 - 1e-4)) {
      best = loss;
      bad = 0;
    } else bad += 1;
    if (bad > 10) {
      bad = 0;
      if (lr - lr * 0.1 > 1e-8) lr *= 0.1;
    }
  }
  return out;
}

test('reduceOnPlateau divides the learning rate by 10 after 10 epochs without improvement', async () => {
  // An SGD step this small leaves the loss flat (only sampling noise; one batch of all documents,
  // no dropout), so its running minimum stalls: here the first epoch stays the best for 11 epochs.
  const ctm = new CTM({ ...small, modelType: 'zeroshot', solver: 'sgd', lr: 1e-7, reduceOnPlateau: true, numEpochs: 20, vocabularySize: 200, batchSize: 200, dropout: 0 });
  const r = await ctm.fit(texts.slice(0, 200), { embeddings: embeddings.subarray(0, 200 * D) });
  const expected = replayPlateau(r.trainLoss, 1e-7);
  assert.equal(r.learningRates.length, 20);
  r.learningRates.forEach((lr, e) => assert.ok(Math.abs(lr - expected[e]) <= 1e-20, `epoch ${e}: ${lr} vs ${expected[e]}`));
  const firstDrop = r.learningRates.findIndex((lr) => lr < 1e-7);
  assert.ok(firstDrop >= 12, `lowered for epoch ${firstDrop}: at least 11 epochs without improvement come first`);
  // torch's eps: a second division (1e-8 -> 1e-9) would change lr by less than 1e-8, so it stays.
  assert.equal(r.learningRates.at(-1), 1e-8);
  console.log(`  lr lowered for epoch ${firstDrop}; final lr ${r.learningRates.at(-1)}`);
  ctm.free();
});

test('a validation set stops training where the patience rule says and keeps the best epoch', async () => {
  const options = { ...small, lr: 1e-2, numEpochs: 40 };
  const ctm = new CTM(options);
  const saved = [];
  const r = await ctm.fit(texts, {
    embeddings,
    validation: { documents: valTexts, embeddings: valEmbeddings },
    patience: 2,
    onCheckpoint: (bytes, info) => saved.push({ bytes: bytes.slice(), ...info }),
  });
  const v = [...r.validationLoss];
  assert.equal(v.length, r.epochsRun);
  // CTM's EarlyStopping with delta 0: a loss above the best so far counts against the patience.
  let best = 0, counter = 0, stop = -1;
  const improved = [0];
  for (let e = 1; e < v.length; e++) {
    if (v[e] > v[best]) {
      if (++counter >= 2) {
        stop = e;
        break;
      }
    } else {
      best = e;
      counter = 0;
      improved.push(e);
    }
  }
  assert.ok(r.stoppedEarly, `no early stop in 40 epochs: ${v.map((x) => x.toFixed(1))}`);
  assert.equal(r.epochsRun - 1, stop);
  assert.equal(r.bestEpoch, best);
  assert.equal(v[best], Math.min(...v));
  // Checkpoints at every improving epoch, carrying that epoch's losses.
  assert.deepEqual(saved.map((c) => c.epoch), improved);
  for (const c of saved) {
    assert.equal(c.validationLoss, v[c.epoch]);
    assert.equal(c.loss, r.trainLoss[c.epoch]);
  }
  // The kept model is the best epoch's: its checkpoint, and a model trained for best + 1 epochs.
  const fromCheckpoint = await CTM.load(saved.at(-1).bytes);
  assert.deepEqual(await thetasOf(fromCheckpoint), await thetasOf(ctm));
  const retrained = new CTM({ ...options, numEpochs: best + 1 });
  await retrained.fit(texts, { embeddings });
  // Deterministic: the same thetas exactly, where the previous improving epoch's model differs.
  const kept = await thetasOf(ctm);
  const drift = assertClose(await thetasOf(retrained), kept);
  assert.ok(saved.length >= 2, 'the validation loss improves at least once after the first epoch');
  const previous = await CTM.load(saved.at(-2).bytes);
  const step = maxDiff(await thetasOf(previous), kept);
  assert.ok(drift < step / 3, `retrained differs by ${drift}, the previous improving epoch by ${step}`);
  previous.free();
  console.log(`  validation losses ${v.map((x) => x.toFixed(2)).join(' ')}; stopped after epoch ${r.epochsRun - 1}, kept epoch ${best}; retrained drift ${drift.toExponential(1)} vs ${step.toExponential(1)} to epoch ${saved.at(-2).epoch}`);
  for (const m of [ctm, fromCheckpoint, retrained]) m.free();
});

test('saveDir writes a checkpoint per epoch that loads back as that epoch\'s model', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctm-checkpoints-'));
  const saveDir = join(dir, 'nested', 'checkpoints');
  try {
    const options = { ...small, solver: 'sgd', reduceOnPlateau: true, numEpochs: 3 };
    const ctm = new CTM(options);
    const infos = [];
    await ctm.fit(texts, { embeddings, saveDir, onCheckpoint: (bytes, info) => infos.push(info) });
    assert.deepEqual(readdirSync(saveDir).sort(), ['epoch_0.safetensors', 'epoch_1.safetensors', 'epoch_2.safetensors']);
    assert.deepEqual(infos.map((i) => i.epoch), [0, 1, 2]);
    assert.ok(infos.every((i) => i.validationLoss === undefined && i.lr === 2e-3));
    const epoch1 = await CTM.load(new Uint8Array(readFileSync(join(saveDir, 'epoch_1.safetensors'))));
    const twoEpochs = new CTM({ ...options, numEpochs: 2 });
    await twoEpochs.fit(texts, { embeddings });
    assertClose(await thetasOf(epoch1), await thetasOf(twoEpochs));
    assert.deepEqual(epoch1.getTopicLists(5), twoEpochs.getTopicLists(5));
    const last = await CTM.load(new Uint8Array(readFileSync(join(saveDir, 'epoch_2.safetensors'))));
    assert.deepEqual(await thetasOf(last), await thetasOf(ctm));
    for (const m of [ctm, epoch1, twoEpochs, last]) m.free();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad training options: clear errors, and a fitted model stays as it was', async () => {
  assert.throws(() => new CTM({ solver: 'rmsprop' }), (e) => e.constructor === Error && /solver must be 'adam' or 'sgd'/.test(e.message));
  assert.throws(() => new CTM({ solver: 1 }), TypeError);
  assert.throws(() => new CTM({ reduceOnPlateau: 'yes' }), TypeError);
  assert.throws(() => new CTM({ delta: -1 }), /delta must be a non-negative number/);
  const ctm = new CTM({ ...small, numEpochs: 2 });
  await ctm.fit(texts, { embeddings });
  const topics = ctm.getTopicLists(5);
  const before = await thetasOf(ctm);
  const validation = { documents: valTexts, embeddings: valEmbeddings };
  await assert.rejects(ctm.fit(texts, { embeddings, validationDocuments: valTexts }), /unknown CTM.fit option "validationDocuments"/);
  await assert.rejects(ctm.fit(texts, { embeddings, validation: { documents: valTexts } }), /validation needs embeddings/);
  await assert.rejects(ctm.fit(texts, { embeddings, validation: { ...validation, texts: [] } }), /unknown CTM.fit validation option "texts"/);
  await assert.rejects(ctm.fit(texts, { embeddings, validation: { documents: valTexts, embeddings: new Float32Array(100 * 10) } }), /validation embeddings have dimension 10/);
  await assert.rejects(ctm.fit(texts, { embeddings, validation: valTexts }), (e) => e instanceof TypeError && /validation must be/.test(e.message));
  await assert.rejects(ctm.fit(texts, { embeddings, validation: { ...validation, labels: [1, 2] } }), /validation.labels has 2 entries/);
  await assert.rejects(ctm.fit(texts, { embeddings, patience: 0 }), /patience must be an integer >= 1/);
  await assert.rejects(ctm.fit(texts, { embeddings, patience: 1.5 }), TypeError);
  await assert.rejects(ctm.fit(texts, { embeddings, onCheckpoint: 'no' }), TypeError);
  await assert.rejects(ctm.fit(texts, { embeddings, saveDir: 3 }), TypeError);
  await assert.rejects(new CTM({ ...small, numEpochs: 1, validationFraction: 0.2 }).fit(texts, { embeddings, validation }), /not both/);
  await assert.rejects(new CTM({ ...small, numEpochs: 1, momentum: 1 }).fit(texts, { embeddings }), /momentum \(Adam beta1\) must be in \(0, 1\)/);
  // A callback that throws stops training; its own error comes back and nothing changes.
  const boom = new Error('disk full');
  await assert.rejects(ctm.fit(texts, { embeddings, onCheckpoint: (bytes, { epoch }) => { if (epoch === 1) throw boom; } }), (e) => e === boom);
  assert.deepEqual(ctm.getTopicLists(5), topics);
  assert.deepEqual(await thetasOf(ctm), before);
  // A failed first fit leaves nothing behind.
  const fresh = new CTM({ ...small, numEpochs: 2 });
  await assert.rejects(fresh.fit(texts, { embeddings, onCheckpoint: () => { throw boom; } }), (e) => e === boom);
  assert.throws(() => fresh.getTopicLists(5), /not fitted/);
  ctm.free();
});
