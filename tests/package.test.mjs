// `npm pack` gives a package that works in another project with no compiler: install the tarball
// into an empty project (from the registry for its dependencies, as a user's npm would: never
// --offline against a cache an earlier run left), import it, fit a model, embed a sentence with the
// shipped int8 graph and with fp32 (built from the npm weights, then kept on disk), run its CLI.
// The script ends without shutdown(): idle engine threads do not keep Node alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('packed tarball installs into an empty project and fits a model there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topicwasm-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
    const files = packed[0].files.map((f) => f.path);
    for (const needed of ['web/index.js', 'web/node.js', 'web/platform/node.js', 'web/index.d.ts', 'web/embedding/onnx/bert.js', 'web/dist/topicwasm.mjs',
      'web/dist/topicwasm.wasm', 'web/dist/topicwasm.worker.js', 'web/dist/pthread-worker-source.mjs', 'web/dist/topicwasm-st.mjs',
      'web/dist/topicwasm-st.wasm', 'web/dist/ort/ort.wasm.min.mjs', 'web/dist/ort/ort-wasm-simd-threaded.wasm', 'web/models/minilm-int8.onnx',
      'web/models/tokenizer.json', 'web/models/static-minilm.safetensors', 'bin/topicwasm.mjs']) {
      assert.ok(files.includes(needed), `tarball lacks ${needed}`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('tests/') || f.startsWith('build/')), 'tarball should not ship sources, tests or build files');
    const project = join(dir, 'app');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed[0].filename)], { cwd: project, stdio: 'pipe' });
    writeFileSync(join(project, 'main.js'), `
      import { TopicModel, embed, env } from 'topicwasm';
      env.cacheDir = ${JSON.stringify(join(dir, 'cache'))};
      const docs = ['cats purr and cats sleep', 'dogs bark at cats', 'stocks fell as markets slid', 'markets rallied and stocks rose'];
      const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
      const { topics } = await model.fitTransform(docs, { y: [0, 0, 1, 1] });
      const vector = await embed(['This is an example sentence'], { model: 'fp32' });
      const int8 = await embed(['This is an example sentence']);
      const cosine = vector.reduce((s, v, i) => s + v * int8[i], 0);
      const fast = await embed(['This is an example sentence', 'markets rallied'], { model: 'static' });
      console.log(JSON.stringify({ topics: [...topics], info: model.getTopicInfo(), vector: [...vector.slice(0, 5)], cosine, stats: env.stats,
        staticNorm: Math.hypot(...fast.slice(0, fast.length / 2)), staticDim: fast.length / 2 }));
    `);
    const out = JSON.parse(execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8', timeout: 120000 }));
    assert.deepEqual(out.topics, [0, 0, 1, 1]);
    assert.ok(out.cosine > 0.98, `int8 vs fp32 cosine ${out.cosine}`);
    assert.equal(out.staticDim, 256, 'the shipped static model embeds in 256 dimensions');
    assert.ok(Math.abs(out.staticNorm - 1) < 1e-5);
    assert.equal(out.stats.cacheHits, 0, 'first run: the fp32 graph is built');
    const again = JSON.parse(execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8', timeout: 120000 }));
    assert.equal(again.stats.cacheHits, 1, 'second run: the fp32 graph comes from the disk cache');
    assert.deepEqual(again.vector, out.vector);
    assert.equal(out.info.length, 2);
    assert.equal(out.info[0].Representation[0], 'cats');
    [0.0677, 0.0636, 0.0487, 0.0794, 0.0374].forEach((v, i) => assert.ok(Math.abs(out.vector[i] - v) < 1e-3, `vector[${i}] = ${out.vector[i]}`));
    const cli = execFileSync(join(project, 'node_modules', '.bin', 'topicwasm'), [], { cwd: project, encoding: 'utf8' });
    assert.match(cli, /360 documents, 15 topics/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
