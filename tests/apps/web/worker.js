// The Worker: topic modeling off the page's main thread (the engine blocks the thread it runs on).
import { TopicModel, env, init } from 'topicwasm';

self.onmessage = async ({ data: docs }) => {
  try {
    const started = performance.now();
    const { threads, build } = await init();
    const model = new TopicModel({ minTopicSize: 5 });
    await model.fitTransform(docs, { onProgress: (progress) => self.postMessage({ progress }) });
    const topics = model.getTopicInfo().map(({ Topic, Count, Name }) => ({ Topic, Count, Name }));
    self.postMessage({ topics, threads, build, seconds: (performance.now() - started) / 1000, stats: { ...env.stats } });
  } catch (e) {
    self.postMessage({ error: String(e?.stack ?? e) });
  }
};
