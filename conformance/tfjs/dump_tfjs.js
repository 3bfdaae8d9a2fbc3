#!/usr/bin/env node
// Dumps every TensorFlow.js initializer (tf.initializers.*) and the default initialization of common
// layers on the conformance grid, as .npy fixtures with a manifest of what each file claims (the
// documented law).
//
// One-line command (from the repository root; Node >= 18):
//     (cd conformance/tfjs && npm ci --no-audit --no-fund) && node conformance/tfjs/dump_tfjs.js conformance/fixtures/tfjs
//
// node_modules/ is git-ignored. Claims follow the doc comments of tfjs-layers
// (src/exports_initializers.ts, published at https://js.tensorflow.org/api/latest/#Initializers) and,
// for fans, computeFans() in tfjs-layers/src/initializers.ts (rank 2: (in, out); rank 3-5: channels
// last; any other rank: fan_in = fan_out = sqrt(number of elements)). Seeds are fixed (SEED + row).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const SEED = 20261202;
const VERSION = tf.version.tfjs + ' (@tensorflow/tfjs, CPU backend, Node ' + process.version + ')';
const DOC = 'https://js.tensorflow.org/api/' + tf.version.tfjs + '/#initializers.';
const SRC = 'tfjs-layers/src/exports_initializers.ts doc comment (' + tf.version.tfjs + ')';
const FANS = 'fans: computeFans() in tfjs-layers/src/initializers.ts';

// The grid in Keras/TF.js layouts (HWIO kernels).
const SHAPES = {
  dense_io: [256, 64],          // tf.layers.dense({units: 64}) on 256 inputs: kernel (in, out)
  dense_oi: [64, 256],          // the same layer in PyTorch's (out, in) layout
  conv: [3, 3, 16, 32],         // conv2d 16 -> 32, 3x3
  grouped: [3, 3, 4, 32],       // a groups=4 kernel as Keras stores it (TF.js conv2d has no groups)
  depthwise: [3, 3, 32, 1],     // depthwiseConv2d on 32 channels, depthMultiplier 1
  transposed: [3, 3, 32, 16],   // conv2dTranspose 16 -> 32: kernel (h, w, out, in)
  bias: [64],
  square: [64, 64],
  big: [1024, 1024],
};
const FAN_GRID = ['dense_io', 'dense_oi', 'conv', 'grouped', 'depthwise', 'transposed', 'bias'];
const FREE_GRID = ['dense_io', 'conv', 'bias'];

function fans(shape) { // computeFans, channelsLast, as in the TF.js source
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length >= 3 && shape.length <= 5) {
    const rf = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    return [shape[shape.length - 2] * rf, shape[shape.length - 1] * rf];
  }
  const n = Math.sqrt(shape.reduce((a, b) => a * b, 1));
  return [n, n];
}

function npy(file, shape, data) {
  const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.join(', ') +
      (shape.length === 1 ? ',' : '') + '), }';
  let h = header;
  while ((10 + h.length + 1) % 64 !== 0) h += ' ';
  h += '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(h.length, 8);
  const body = Buffer.from(new Float32Array(data).buffer);
  fs.writeFileSync(file, Buffer.concat([pre, Buffer.from(h, 'latin1'), body]));
}

const rows = [];
let outDir;

function record(name, params, shapeName, shape, values, scheme, cparams, cfans, law, ref, error) {
  const id = 'tfjs-' + String(rows.length).padStart(3, '0');
  let file = '';
  if (values) {
    file = id + '.npy';
    npy(path.join(outDir, file), shape, values);
  }
  rows.push({id, framework: 'tensorflow.js', version: VERSION, initializer: name, parameters: params,
    shape_name: shapeName, shape: shape.join('x'), file, claim_scheme: scheme, claim_params: cparams,
    claim_fans: cfans, claimed_law: law, reference: ref, basis: 'doc', error: error || ''});
}

function fmt(p) {
  return Object.entries(p).map(([k, v]) => k + '=' + v).join(';');
}

function call(name, args, shapeName, scheme, cparams, cfans, law, ref) {
  const shape = SHAPES[shapeName];
  const seeded = Object.assign({seed: SEED + rows.length}, args);
  try {
    const t = tf.initializers[name](seeded).apply(shape, 'float32');
    record(name, fmt(args), shapeName, shape, t.dataSync(), scheme, cparams, cfans, law, ref);
    t.dispose();
  } catch (e) {
    record(name, fmt(args), shapeName, shape, null, scheme, cparams, cfans, law, ref, String(e.message).split('\n')[0]);
  }
}

// Keras semantics: the truncated normal's stddev is that of the untruncated normal (TF.js docs), so
// the claim is N(0, s^2) truncated at +-2 s with s = sqrt(scale / n).
function tn(scale, n) {
  const s = Math.sqrt(scale / Math.max(1, n));
  return fmt({mean: 0, std: s, low: -2 * s, high: 2 * s});
}

function explicit(shape) {
  const [i, o] = fans(shape);
  return i + '/' + o;
}

function fanN(shape, mode) {
  const [i, o] = fans(shape);
  return mode === 'fanIn' ? i : mode === 'fanOut' ? o : (i + o) / 2;
}

function main() {
  outDir = process.argv[2] || 'conformance/fixtures/tfjs';
  fs.mkdirSync(outDir, {recursive: true});
  const ref = (n) => SRC + ' for ' + n + '; ' + DOC + n;

  for (const [a, lo, hi] of [[{}, -0.05, 0.05], [{minval: 0, maxval: 1}, 0, 1], [{minval: -0.1, maxval: 0.3}, -0.1, 0.3]]) {
    for (const s of FREE_GRID) {
      call('randomUniform', a, s, 'uniform', fmt({low: lo, high: hi}), '', 'U(' + lo + ', ' + hi + ')',
          ref('randomUniform') + ' (defaults minval -0.05, maxval 0.05 from RandomUniform)');
    }
  }
  for (const [a, m, sd] of [[{}, 0, 0.05], [{mean: 0.5, stddev: 0.02}, 0.5, 0.02]]) {
    for (const s of FREE_GRID) {
      call('randomNormal', a, s, 'normal', fmt({mean: m, std: sd}), '', 'N(' + m + ', ' + sd + '^2)',
          ref('randomNormal') + ' (defaults mean 0, stddev 0.05)');
    }
  }
  for (const [a, m, sd] of [[{}, 0, 0.05], [{mean: 0.5, stddev: 0.02}, 0.5, 0.02], [{stddev: 1}, 0, 1]]) {
    for (const s of FREE_GRID) {
      call('truncatedNormal', a, s, 'truncated_normal', fmt({mean: m, std: sd, low: m - 2 * sd, high: m + 2 * sd}), '',
          'N(' + m + ', ' + sd + '^2), values beyond 2 stddev re-drawn', ref('truncatedNormal'));
    }
  }
  for (const s of FREE_GRID) {
    call('zeros', {}, s, 'zeros', '', '', 'every element 0', ref('zeros'));
    call('ones', {}, s, 'ones', '', '', 'every element 1', ref('ones'));
    call('constant', {value: 0.3}, s, 'constant', 'value=0.3', '', 'every element 0.3', ref('constant'));
  }
  call('identity', {}, 'square', 'identity', 'gain=1', '', 'identity matrix (square 2-D only)', ref('identity'));
  call('identity', {gain: 2}, 'square', 'identity', 'gain=2', '', '2 x identity', ref('identity'));
  call('identity', {}, 'dense_io', 'identity', 'gain=1', '', 'identity matrix (square 2-D only)', ref('identity'));

  // variance scaling and its presets: uniform U(+-sqrt(3 scale/n)); "normal": truncated normal with stddev sqrt(scale/n)
  const vs = [
    ['varianceScaling', {}, 1, 'fanIn', 'normal'],
    ['varianceScaling', {scale: 2, mode: 'fanAvg', distribution: 'uniform'}, 2, 'fanAvg', 'uniform'],
    ['varianceScaling', {mode: 'fanOut'}, 1, 'fanOut', 'normal'],
    ['varianceScaling', {distribution: 'truncatedNormal'}, 1, 'fanIn', 'truncatedNormal'],
    ['glorotUniform', {}, 1, 'fanAvg', 'uniform'],
    ['glorotNormal', {}, 1, 'fanAvg', 'normal'],
    ['heUniform', {}, 2, 'fanIn', 'uniform'],
    ['heNormal', {}, 2, 'fanIn', 'normal'],
    ['leCunUniform', {}, 1, 'fanIn', 'uniform'],
    ['leCunNormal', {}, 1, 'fanIn', 'normal'],
  ];
  const modeName = {fanIn: 'fan_in', fanOut: 'fan_out', fanAvg: 'fan_avg'};
  for (const [name, args, scale, mode, dist] of vs) {
    for (const s of FAN_GRID) {
      const shape = SHAPES[s];
      const cf = shape.length === 1 ? explicit(shape) : 'keras';
      if (dist === 'uniform') {
        call(name, args, s, 'variance_scaling', fmt({scale, mode: modeName[mode], distribution: 'uniform'}), cf,
            'U(+-sqrt(3*' + scale + '/' + modeName[mode] + '))', ref(name) + '; ' + FANS);
      } else {
        // 'truncatedNormal' is an accepted distribution value that the doc does not describe: claimed as the
        // truncated normal of distribution=NORMAL (the Keras meaning of a truncated normal)
        call(name, args, s, 'truncated_normal', tn(scale, fanN(shape, mode)), explicit(shape),
            'N(0, s^2) truncated at +-2s, s = sqrt(' + scale + '/' + modeName[mode] + ')', ref(name) + '; ' + FANS);
      }
    }
  }
  for (const [a, g] of [[{}, 1], [{gain: 2}, 2]]) {
    for (const s of ['dense_io', 'dense_oi', 'conv', 'bias']) {
      call('orthogonal', a, s, 'orthogonal', 'gain=' + g, 'keras', g + ' x (semi-)orthogonal, leading dims flattened',
          ref('orthogonal') + '; Orthogonal.apply in tfjs-layers/src/initializers.ts');
    }
  }
  // The big tensor: glorotNormal on 1024x1024, checked under the TF.js doc and under Keras (Python)'s law
  const nBig = rows.length;
  call('glorotNormal', {}, 'big', 'truncated_normal', tn(1, 1024), '1024/1024',
      'N(0, s^2) truncated at +-2s, s = sqrt(1/fan_avg)', ref('glorotNormal') + '; ' + FANS);
  const big = rows[nBig];
  rows.push(Object.assign({}, big, {id: 'tfjs-' + String(rows.length).padStart(3, '0'), claim_scheme: 'glorot_normal',
    claim_params: '', claim_fans: 'keras', basis: 'cross-framework',
    claimed_law: 'Keras (Python) glorot_normal: variance 2/(fan_in+fan_out), stddev after truncation (0.8796 rescale)',
    reference: 'tf-keras v2.19.0 tf_keras/initializers/initializers.py VarianceScaling (stddev / .87962566103423978; ' +
        'docstring: stddev "after truncation") https://keras.io/api/layers/initializers/#glorotnormal-class; ' +
        'cross-framework row, not the TF.js doc'}));
  // the same cross-check on the dense kernel of the grid
  for (const s of ['dense_io', 'conv']) {
    const src = rows.find((r) => r.initializer === 'glorotNormal' && r.shape_name === s);
    rows.push(Object.assign({}, src, {id: 'tfjs-' + String(rows.length).padStart(3, '0'), claim_scheme: 'glorot_normal',
      claim_params: '', claim_fans: 'keras', basis: 'cross-framework', claimed_law:
          'Keras (Python) glorot_normal: variance 2/(fan_in+fan_out), stddev after truncation (0.8796 rescale)',
      reference: rows[nBig + 1].reference}));
  }

  // layer defaults (no seed: what a user gets)
  const layerRef = (n, init) => 'tfjs-layers ' + n + ' default ' + init + ' (' + tf.version.tfjs + '); ' +
      'https://js.tensorflow.org/api/' + tf.version.tfjs + '/#layers.' + n;
  const layers = [
    ['dense', () => tf.layers.dense({units: 64, inputShape: [256]}), [null, 256], 'dense_io'],
    ['conv2d', () => tf.layers.conv2d({filters: 32, kernelSize: 3, inputShape: [8, 8, 16]}), [null, 8, 8, 16], 'conv'],
    ['depthwiseConv2d', () => tf.layers.depthwiseConv2d({kernelSize: 3, inputShape: [8, 8, 32]}), [null, 8, 8, 32], 'depthwise'],
    ['conv2dTranspose', () => tf.layers.conv2dTranspose({filters: 32, kernelSize: 3, inputShape: [8, 8, 16]}), [null, 8, 8, 16], 'transposed'],
  ];
  // The default kernel initializer is not stated in the docs; the source sets it per layer
  // (DEFAULT_KERNEL_INITIALIZER / DEFAULT_DEPTHWISE_INITIALIZER): claimed as that initializer's documented law
  // (basis "source"), and cross-checked against Keras (Python)'s default, glorot_uniform.
  for (const [n, make, inShape, s] of layers) {
    const l = make();
    l.build(inShape);
    const ws = l.getWeights();
    const k = ws[0];
    const shape = k.shape;
    const ic = (l.getConfig().kernelInitializer || l.getConfig().depthwiseInitializer).config;
    const dflt = 'VarianceScaling(scale=' + ic.scale + ', mode=' + ic.mode + ', distribution=' + ic.distribution + ')';
    const [fi, fo] = fans(shape);
    const srcRef = 'tfjs-layers/src/layers/' + (n === 'dense' ? 'core' : 'convolutional') + ".ts: default " +
        (n === 'depthwiseConv2d' ? 'depthwiseInitializer' : 'kernelInitializer') +
        " = DEFAULT_KERNEL_INITIALIZER = 'glorotNormal' (" + tf.version.tfjs + '; the API docs state no default); law: ' +
        SRC + ' for glorotNormal; ' + FANS;
    const id = rows.length;
    if (ic.distribution === 'normal') {
      record(n + '.kernel', 'defaults (' + dflt + ')', s, shape, k.dataSync(), 'truncated_normal',
          tn(ic.scale, fanN(shape, ic.mode)), fi + '/' + fo,
          'N(0, s^2) truncated at +-2s, s = sqrt(' + ic.scale + '/' + modeName[ic.mode] + '), fans ' + fi + '/' + fo,
          srcRef);
    } else {
      record(n + '.kernel', 'defaults (' + dflt + ')', s, shape, k.dataSync(), 'variance_scaling',
          fmt({scale: ic.scale, mode: modeName[ic.mode], distribution: 'uniform'}), 'keras',
          'U(+-sqrt(3*' + ic.scale + '/' + modeName[ic.mode] + ')), fans ' + fi + '/' + fo, srcRef);
    }
    rows[id].basis = 'source';
    rows.push(Object.assign({}, rows[id], {id: 'tfjs-' + String(rows.length).padStart(3, '0'),
      claim_scheme: 'glorot_uniform', claim_params: '', claim_fans: 'keras', basis: 'cross-framework',
      claimed_law: 'Keras (Python) layer default kernel_initializer="glorot_uniform": U(+-sqrt(6/(fan_in+fan_out)))',
      reference: 'tf-keras v2.19.0 Dense/Conv2D/Conv2DTranspose/DepthwiseConv2D: kernel_initializer="glorot_uniform" ' +
          '(depthwise_initializer for DepthwiseConv2D) https://keras.io/api/layers/core_layers/dense/; ' +
          'cross-framework row, not the TF.js doc'}));
    if (ws.length > 1) {
      const cfg = l.getConfig();
      record(n + '.bias', 'defaults (' + cfg.biasInitializer.className + ')', 'bias_of_' + s, ws[1].shape,
          ws[1].dataSync(), 'zeros', '', '', 'zeros', layerRef(n, cfg.biasInitializer.className));
    }
  }
  const emb = tf.layers.embedding({inputDim: 1000, outputDim: 64});
  emb.build([null, 5]);
  const e = emb.getWeights()[0];
  record('embedding.embeddings', 'defaults (' + emb.getConfig().embeddingsInitializer.className + ')', 'embedding',
      e.shape, e.dataSync(), 'uniform', fmt({low: -0.05, high: 0.05}), '', 'randomUniform defaults: U(-0.05, 0.05)',
      layerRef('embedding', 'randomUniform'));

  const fields = ['id', 'framework', 'version', 'initializer', 'parameters', 'shape_name', 'shape', 'file',
    'claim_scheme', 'claim_params', 'claim_fans', 'claimed_law', 'reference', 'basis', 'error'];
  const q = (v) => {
    const s = String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const csv = [fields.join(',')].concat(rows.map((r) => fields.map((f) => q(r[f])).join(','))).join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, 'manifest.csv'), csv);
  const bytes = rows.filter((r) => r.file).reduce((a, r) => a + fs.statSync(path.join(outDir, r.file)).size, 0);
  console.error('wrote ' + rows.length + ' rows, ' + (bytes / 1e6).toFixed(2) + ' MB to ' + outDir);
}

main();
