// Small page helpers of the demo: progress with a time estimate, durations, file downloads.

export // Progress with an estimate of the time left from the rate so far.
function progressReporter(bar, text, label) {
  const start = performance.now();
  return ({ stage, done, total, message }) => {
    // A warning (e.g. nNeighbors cut to the corpus size) has no bar position: show it, keep the bar.
    if (stage === 'warning') {
      console.warn(message);
      text.textContent = `${label}: warning: ${message}`;
      return;
    }
    // A choice the library made (e.g. minTopicSize 'auto'): shown until the next step.
    if (stage === 'info') {
      text.textContent = `${label}: ${message}`;
      return;
    }
    const fraction = total ? done / total : 0;
    bar.value = fraction;
    const elapsed = (performance.now() - start) / 1000;
    const eta = fraction > 0.02 && fraction < 1 ? `, about ${Math.ceil(elapsed / fraction - elapsed)} s left` : '';
    text.textContent = `${label}: ${stage} ${done}/${total}${eta}`;
  };
}

export function formatSeconds(s) {
  return s < 1 ? 'under 1 s' : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}

/** Saves `bytes` as the file `name` (a temporary link, clicked). */
export function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
