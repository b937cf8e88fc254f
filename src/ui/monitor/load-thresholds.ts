import { DEFAULT_THRESHOLDS, thresholdsFromMetrics, type ModelThresholds } from '../../fusion/model-thresholds.ts';

/**
 * Reads the shipped thresholds from `<modelBaseUrl>metrics.json`; any failure (no model card
 * yet, offline without it cached, malformed JSON) gives the defaults, which say so.
 */
export async function loadModelThresholds(modelBaseUrl: string, fetcher: typeof fetch = fetch): Promise<ModelThresholds> {
  try {
    const response = await fetcher(new URL('metrics.json', modelBaseUrl).href);
    if (!response.ok) return DEFAULT_THRESHOLDS;
    return thresholdsFromMetrics(await response.json());
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}
