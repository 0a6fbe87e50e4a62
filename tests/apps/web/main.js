// The page: hands documents to the Worker and shows the topics it finds.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const status = document.querySelector('#status');

export function fitTopics(docs) {
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.progress) {
        status.textContent = `${data.progress.stage}: ${data.progress.done} / ${data.progress.total}`;
      } else if (data.error) {
        reject(new Error(data.error));
      } else {
        status.textContent = `${data.topics.length} topics in ${data.seconds.toFixed(1)} s`;
        document.querySelector('#topics').innerHTML = data.topics
          .map((t) => `<tr><td>${t.Topic}</td><td>${t.Count}</td><td>${t.Name}</td></tr>`).join('');
        resolve(data);
      }
    };
    worker.postMessage(docs);
  });
}
window.fitTopics = fitTopics; // for the test driving this page
