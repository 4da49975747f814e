// Appended to fzstd's ES module to make the page's zstd decoder
// (unzstd.js, scripts/build-split.mjs). Imported in the page it only exports
// Decompress; run as a worker (index.html makes one from its text) it unpacks
// the chunks posted to it in order and posts back each block it unpacks,
// then { done: true } once posted null, or { error } when the data is
// damaged. The page's thread is left free meanwhile.
if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope) {
  const decoder = new Decompress((block) => {
    // A copy: fzstd still reads the block it hands over.
    const copy = block.slice();
    postMessage(copy, [copy.buffer]);
  });
  onmessage = ({ data }) => {
    try {
      if (data === null) {
        decoder.push(new Uint8Array(0), true);
        postMessage({ done: true });
      } else decoder.push(data);
    } catch (err) {
      postMessage({ error: String(err?.message ?? err) });
    }
  };
  postMessage({ ready: true });
}
