import { describe, expect, it } from 'vitest';
import { FaceTracker, fromRegion, intersectionOverUnion, mergeDetections, regionAround, searchTiles, unrotateBox, type PassDetection } from './face-merge.ts';

const det = (x: number, y: number, side: number, score: number, rotationDegrees = 0): PassDetection => ({ x, y, width: side, height: side, score, rotationDegrees });

describe('intersectionOverUnion', () => {
  it('is 1 for the same box, 0 apart, and in between when they overlap', () => {
    expect(intersectionOverUnion(det(0, 0, 10, 1), det(0, 0, 10, 1))).toBe(1);
    expect(intersectionOverUnion(det(0, 0, 10, 1), det(20, 0, 10, 1))).toBe(0);
    expect(intersectionOverUnion(det(0, 0, 10, 1), det(5, 0, 10, 1))).toBeCloseTo(50 / 150);
  });
});

describe('mergeDetections across turns', () => {
  it('makes one face of boxes that overlap, placed by score and keeping the best score and turn', () => {
    const merged = mergeDetections([det(100, 100, 50, 0.6, 90), det(104, 100, 50, 0.9, 0)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.score).toBe(0.9);
    expect(merged[0]?.rotationDegrees).toBe(0);
    expect(merged[0]?.x).toBeCloseTo((100 * 0.6 + 104 * 0.9) / 1.5);
  });

  it('keeps faces that do not overlap apart, most confident first', () => {
    const merged = mergeDetections([det(0, 0, 40, 0.6, 180), det(300, 200, 40, 0.8, 270), det(2, 1, 40, 0.55, 90)]);
    expect(merged.map((d) => [d.rotationDegrees, d.score])).toEqual([
      [270, 0.8],
      [180, 0.6],
    ]);
  });

  it('drops empty and non-finite boxes', () => {
    expect(mergeDetections([{ ...det(0, 0, 0, 0.9) }, { ...det(0, 0, 10, Number.NaN) }])).toEqual([]);
  });
});

describe('unrotateBox', () => {
  // A 640×480 picture with a face box; turn the box the way the picture turns and back.
  const W = 640;
  const H = 480;
  const box = { x: 400, y: 60, width: 80, height: 100, score: 0.9 };
  const turned: Record<number, { x: number; y: number; width: number; height: number; score: number }> = {
    // Clockwise: the pixel (x, y) lands at (H - y, x) in a H×W picture.
    90: { x: H - (box.y + box.height), y: box.x, width: box.height, height: box.width, score: 0.9 },
    180: { x: W - (box.x + box.width), y: H - (box.y + box.height), width: box.width, height: box.height, score: 0.9 },
    // Anticlockwise: (x, y) lands at (y, W - x).
    270: { x: box.y, y: W - (box.x + box.width), width: box.height, height: box.width, score: 0.9 },
  };
  it.each([90, 180, 270])('brings a box found at %i° back to where the face is', (rotation) => {
    expect(unrotateBox(turned[rotation]!, rotation, W, H)).toEqual(box);
  });
  it('leaves an upright box alone', () => {
    expect(unrotateBox(box, 0, W, H)).toEqual(box);
    expect(unrotateBox(box, 360, W, H)).toEqual(box);
  });
});

describe('zoomed regions', () => {
  it('scales a box found in a zoomed region back to frame pixels', () => {
    expect(fromRegion({ x: 64, y: 32, width: 32, height: 32, score: 0.8 }, { x: 100, y: 50, width: 200, height: 100 }, 256, 128)).toEqual({ x: 150, y: 75, width: 25, height: 25, score: 0.8 });
  });
  it('keeps the region around a box inside the frame', () => {
    const region = regionAround({ x: 600, y: 10, width: 40, height: 40 }, 3, 640, 480);
    expect(region).toEqual({ x: 520, y: 0, width: 120, height: 120 });
  });
  it('tiles cover every corner of the frame', () => {
    const tiles = searchTiles(640, 480);
    for (const [x, y] of [[0, 0], [639, 0], [0, 479], [639, 479], [320, 240]] as const) {
      expect(tiles.some((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)).toBe(true);
    }
  });
});

describe('FaceTracker', () => {
  it('holds the last face through a few missed frames, then lets it go', () => {
    const tracker = new FaceTracker(2);
    const face = det(100, 100, 60, 0.9, 90);
    expect(tracker.update([face])).toEqual({ box: face, source: 'detected' });
    expect(tracker.update([])).toEqual({ box: face, source: 'held' });
    expect(tracker.update([])).toEqual({ box: face, source: 'held' });
    expect(tracker.update([])).toBeNull();
    expect(tracker.last).toBeNull();
  });

  it('stays with the face it follows when a more confident one appears elsewhere', () => {
    const tracker = new FaceTracker();
    const baby = det(100, 100, 60, 0.8);
    tracker.update([baby]);
    const moved = det(108, 104, 60, 0.75);
    expect(tracker.update([det(400, 300, 60, 0.95), moved])?.box).toEqual(moved);
  });

  it('a detection after misses resets the count', () => {
    const tracker = new FaceTracker(1);
    tracker.update([det(0, 0, 50, 0.9)]);
    tracker.update([]);
    tracker.update([det(0, 0, 50, 0.9)]);
    expect(tracker.update([])?.source).toBe('held');
  });
});
