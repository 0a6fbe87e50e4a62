// Runs in a browser module Worker: loads the engine from the same files Node uses and fits a model.
import { TopicModel, init } from '../../web/index.js';

self.onmessage = async ({ data }) => {
  try {
    const { threads, engine } = await init({ threads: data.threads });
    const probe = engine.concurrencyProbe(threads, 10000);
    const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
    const { topics } = await model.fitTransform(data.docs, { y: data.y });
    let error = null;
    try {
      await model.fit([], { y: [] });
    } catch (e) {
      error = { isError: e instanceof Error, message: e.message };
    }
    self.postMessage({ threads, probe, topics: [...topics], info: model.getTopicInfo(), error, isolated: self.crossOriginIsolated });
  } catch (e) {
    self.postMessage({ failed: String(e?.stack ?? e) });
  }
};
