/**
 * A faster gradient for FusedBatchNorm. tfjs 4.22's own gradient expands the per-channel
 * 1/√(variance + ε) to the full activation shape with Tile before multiplying; on wasm that
 * Tile was the single most expensive kernel of a training step (a third of the time). Here the
 * same formulas use broadcasting multiplication instead, which needs no copy.
 */
import * as tf from '@tensorflow/tfjs';

interface BatchNormAttrs {
  varianceEpsilon: number;
}

export const batchNormGradientConfig: tf.GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dyOrList, saved, attrs) => {
    const dy = Array.isArray(dyOrList) ? dyOrList[0] : dyOrList;
    const [x, mean, variance, scale] = saved;
    if (dy === undefined || x === undefined || mean === undefined || variance === undefined) {
      throw new Error('FusedBatchNorm gradient: missing saved tensors.');
    }
    const { varianceEpsilon } = attrs as unknown as BatchNormAttrs;
    const scaleValue = scale ?? tf.scalar(1);
    const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const reduce = (t: tf.Tensor): tf.Tensor =>
      (reductionAxes.length > 0 ? tf.sum(t, reductionAxes) : t).reshape(mean.shape);

    const xMinusMean = tf.sub(x, mean);
    const dyTimesScale = tf.mul(dy, scaleValue);
    const inverseStd = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const minusHalfInverseCube = tf.mul(tf.pow(inverseStd, 3), tf.scalar(-0.5));
    return {
      x: () => tf.mul(dyTimesScale, inverseStd),
      mean: () => reduce(tf.mul(tf.neg(inverseStd), dyTimesScale)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfInverseCube, xMinusMean), dyTimesScale)),
      scale: () => reduce(tf.mul(dy, tf.mul(xMinusMean, inverseStd))),
      offset: () => reduce(dy),
    };
  },
};

let registered = false;

/** Replaces tfjs's FusedBatchNorm gradient (for every backend) once per process. */
export function registerFastBatchNormGradient(): void {
  if (registered) return;
  registered = true;
  // tfjs warns when a gradient is overridden; the override is deliberate, so keep the log quiet.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    tf.registerGradient(batchNormGradientConfig);
  } finally {
    console.warn = warn;
  }
}
