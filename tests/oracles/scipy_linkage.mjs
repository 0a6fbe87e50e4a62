// Test oracle, not in the package: scipy.cluster.hierarchy.linkage(y, method) for method single,
// complete, average and ward, ported from scipy/cluster/_hierarchy.pyx (scipy 1.11):
// mst_single_linkage (Prim's minimum spanning tree) for single, nn_chain (the nearest-neighbour
// chain) for the others, then scipy's stable sort by distance and `label` (union-find relabelling
// into ids n + s). Another algorithm than the engine's closest-pair loop (src/cluster/ward_linkage.cpp),
// so agreement means something. Returns n - 1 rows [a, b, distance, size] (a < b).

const update = {
  single: (dxi, dyi) => Math.min(dxi, dyi),
  complete: (dxi, dyi) => Math.max(dxi, dyi),
  average: (dxi, dyi, dxy, sx, sy) => (sx * dxi + sy * dyi) / (sx + sy),
  ward: (dxi, dyi, dxy, sx, sy, si) => {
    const t = 1 / (sx + sy + si);
    return Math.sqrt((si + sx) * t * dxi * dxi + (si + sy) * t * dyi * dyi - si * t * dxy * dxy);
  },
};

// scipy's condensed_index: the position of (i, j), i != j, in pdist order.
const at = (n, i, j) => (i < j ? n * i - (i * (i + 1)) / 2 + (j - i - 1) : n * j - (j * (j + 1)) / 2 + (i - j - 1));

function mstSingle(dists, n) {
  const merged = new Uint8Array(n);
  const D = new Float64Array(n).fill(Infinity);
  const Z = [];
  let y = 0;
  for (let k = 0; k < n - 1; ++k) {
    const x = y;
    let best = Infinity;
    merged[x] = 1;
    for (let i = 0; i < n; ++i) {
      if (merged[i]) continue;
      const d = dists[at(n, x, i)];
      if (D[i] > d) D[i] = d;
      if (D[i] < best) { y = i; best = D[i]; }
    }
    Z.push([x, y, best]);
  }
  return Z;
}

function nnChain(dists, n, method) {
  const D = Float64Array.from(dists);
  const size = new Float64Array(n).fill(1);
  const chain = [];
  const Z = [];
  for (let k = 0; k < n - 1; ++k) {
    let x = 0, y = 0;
    if (!chain.length) {
      for (let i = 0; i < n; ++i) if (size[i] > 0) { chain.push(i); break; }
    }
    while (true) {
      x = chain[chain.length - 1];
      let best;
      if (chain.length > 1) { y = chain[chain.length - 2]; best = D[at(n, x, y)]; } else best = Infinity;
      for (let i = 0; i < n; ++i) {
        if (size[i] === 0 || x === i) continue;
        const d = D[at(n, x, i)];
        if (d < best) { best = d; y = i; }
      }
      if (chain.length > 1 && y === chain[chain.length - 2]) break;
      chain.push(y);
    }
    chain.pop();
    chain.pop();
    if (x > y) [x, y] = [y, x];
    const sx = size[x], sy = size[y];
    Z.push([x, y, D[at(n, x, y)]]);
    size[x] = 0;
    size[y] = sx + sy;
    for (let i = 0; i < n; ++i) {
      if (size[i] === 0 || i === y) continue;
      D[at(n, i, y)] = update[method](D[at(n, i, x)], D[at(n, i, y)], D[at(n, x, y)], sx, sy, size[i]);
    }
  }
  return Z;
}

// scipy's `label`: rows hold original point ids; replace them by cluster ids, add sizes.
function label(Z, n) {
  const parent = Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const size = Array.from({ length: 2 * n - 1 }, (_, i) => (i < n ? 1 : 0));
  const find = (x) => { while (parent[x] !== x) x = parent[x] = parent[parent[x]]; return x; };
  let next = n;
  return Z.map(([x, y, d]) => {
    const a = find(x), b = find(y);
    parent[a] = parent[b] = next;
    size[next] = size[a] + size[b];
    return [Math.min(a, b), Math.max(a, b), d, size[next++]];
  });
}

export function scipyLinkage(condensed, method) {
  if (!(method in update)) throw new Error(`scipyLinkage: unknown method ${method}`);
  const n = Math.round((1 + Math.sqrt(1 + 8 * condensed.length)) / 2);
  const Z = method === 'single' ? mstSingle(condensed, n) : nnChain(condensed, n, method);
  // scipy: Z = Z[np.argsort(Z[:, 2], kind='mergesort')] before labelling.
  const order = Z.map((_, i) => i).sort((i, j) => Z[i][2] - Z[j][2] || i - j);
  return label(order.map((i) => Z[i]), n);
}
