// A TopicModel's engine-side model (engine TopicModelCore) and the HDBSCAN min cluster size it was
// built with. With minTopicSize 'auto' a fit of another size needs a new one: it is built
// unattached, and replaces the current one only once the fit succeeded (adopt), so that a failed
// fit leaves the model as it was (discard).
import { loadEngine } from '../engine/module.js';
import { TOPIC_MODEL_DEFAULTS } from '../engine/options.js';
import { AUTO_MIN_TOPIC_SIZE_RULE, autoMinTopicSize } from '../engine/auto_min_topic_size.js';

export class EngineSlot {
  /** The current engine model (null before the first fit or load, and after free). */
  core = null;
  /** The min cluster size `core` was built with (minTopicSize 'auto': chosen per fit). */
  size = null;
  /** The loaded engine module (for calls that are not a model's). */
  engine = null;
  #pending = null;

  /**
   * The engine model for a fit of `n` documents (n null: no fit, e.g. load) with the TopicModel
   * options `options`; onProgress hears which size 'auto' chose.
   */
  async forFit(options, n = null, onProgress = undefined) {
    const auto = options.minTopicSize === 'auto';
    // Without documents (load), 'auto' falls back to BERTopic's default until the next fit.
    const size = auto ? (n === null ? this.size ?? TOPIC_MODEL_DEFAULTS.minTopicSize : autoMinTopicSize(n)) : options.minTopicSize;
    if (auto && n !== null) {
      onProgress?.({ stage: 'info', message: `minTopicSize 'auto': ${size} for ${n} documents (${AUTO_MIN_TOPIC_SIZE_RULE})` });
    }
    if (this.core && this.size === size) return this.core;
    this.engine = await loadEngine();
    // A classifier as the cluster step: the engine takes its labels (web/model/classifier.js).
    const classifier = options.clusterModel === 'logisticRegression' || options.clusterModel === 'classifier';
    const core = new this.engine.TopicModelCore({ ...options, minTopicSize: size, ...(classifier ? { clusterModel: 'classifier' } : {}) });
    if (!this.core) {
      this.core = core;
      this.size = size;
    } else {
      this.#pending = { core, size };
    }
    return core;
  }

  /** After a successful fit into `core`: it becomes the current engine model. */
  adopt(core) {
    if (core === this.core) return;
    this.core.delete();
    this.core = core;
    this.size = this.#pending.size;
    this.#pending = null;
  }

  /** After a failed fit: an engine model made for it is dropped. */
  discard(core) {
    if (core === this.core) return;
    core.delete();
    this.#pending = null;
  }

  free() {
    this.core?.delete();
    this.core = null;
  }
}
