// Multimodal topics: per-document images (BERTopic's documents["Image"]) passed to fitTransform with
// the user's own image (or joint) embeddings, and each topic's representative images as BERTopic's
// VisualRepresentation picks them (bertopic/representation/_visual.py, extract_topics): the
// nr_repr_images (9) representative documents of _extract_representative_docs(nr_samples=500), the
// documents whose own c-TF-IDF is most similar to their topic's, and their images. BERTopic pastes
// them into one tiled PIL image; here they stay a list of the user's references (URLs, data URLs).

export const VISUAL_DEFAULTS = Object.freeze({ nrReprImages: 9, nrSamples: 500 });

/** fitTransform's images: one non-empty string per document (a URL or data URL), or null when not given. */
export function checkImages(images, n) {
  if (images === undefined || images === null) return null;
  if (!Array.isArray(images)) throw new TypeError('fitTransform: images must be an array with one image reference (URL or data URL string) per document');
  if (images.length !== n) throw new Error(`fitTransform: images has ${images.length} entries but there are ${n} documents`);
  images.forEach((image, i) => {
    if (typeof image !== 'string' || !image) throw new TypeError(`fitTransform: images[${i}] must be a non-empty string (a URL or data URL), got ${JSON.stringify(image)}`);
  });
  return images.slice();
}

/** {topicId: [image, ...]}: each topic's (-1 included) representative images, most representative first. */
export function topicImages(core, images) {
  const ids = core.representativeDocIds(VISUAL_DEFAULTS.nrReprImages, VISUAL_DEFAULTS.nrSamples);
  const topics = core.topicInfo().map((row) => row.Topic);
  return Object.fromEntries(topics.map((topic, i) => [topic, Array.from(ids[i], (d) => images[d])]));
}
