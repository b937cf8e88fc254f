import { InputError } from './input-error.ts';

/**
 * Small hand-written validators for data from outside (backup files, other modules). Each takes
 * the value and a human path ("episode 12, note") and returns the typed value or throws an
 * InputError naming the path and the problem.
 */

/** Keys that could reach Object.prototype when a parsed object is spread or merged. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Probabilities are stored rounded; a sum this far from 1 is still a distribution. */
export const PROBABILITY_SUM_TOLERANCE = 1e-3;

export function fail(path: string, problem: string): never {
  throw new InputError(`${path}: ${problem}`);
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value}`;
}

/**
 * A plain object with exactly the allowed keys (optional ones may be missing). Rejects
 * prototype-polluting keys and keys this version does not know.
 */
export function expectRecord(
  value: unknown,
  path: string,
  requiredKeys: readonly string[],
  optionalKeys: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected an object, found ${describe(value)}`);
  }
  const keys = Object.keys(value);
  for (const key of keys) expectAllowedKey(key, path);
  const known = new Set([...requiredKeys, ...optionalKeys]);
  for (const key of keys) expectKnownKey(key, path, known);
  for (const key of requiredKeys) {
    if (!Object.hasOwn(value, key)) failMissingKey(key, path);
  }
  return value as Record<string, unknown>;
}

/** Refuses a prototype-polluting key (also used by the streaming backup reader, key by key). */
export function expectAllowedKey(key: string, path: string): void {
  if (FORBIDDEN_KEYS.has(key)) fail(path, `contains the forbidden key "${key}" (the file may have been tampered with)`);
}

/** Refuses a key this version does not know. */
export function expectKnownKey(key: string, path: string, known: ReadonlySet<string>): void {
  if (!known.has(key)) fail(path, `unexpected field "${key.slice(0, 40)}"`);
}

export function failMissingKey(key: string, path: string): never {
  fail(path, `missing field "${key}"`);
}

/** A map of string → string (e.g. model versions), bounded in size. */
export function expectStringMap(
  value: unknown,
  path: string,
  maxEntries: number,
  maxTextLength: number,
): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected an object, found ${describe(value)}`);
  }
  const entries = Object.entries(value);
  if (entries.length > maxEntries) fail(path, `has more than ${maxEntries} entries`);
  const result: Record<string, string> = {};
  for (const [key, text] of entries) {
    if (FORBIDDEN_KEYS.has(key)) fail(path, `contains the forbidden key "${key}" (the file may have been tampered with)`);
    expectString(key, `${path} key`, maxTextLength, true);
    result[key] = expectString(text, `${path}, "${key.slice(0, 40)}"`, maxTextLength, true);
  }
  return result;
}

export function expectString(value: unknown, path: string, maxLength: number, allowEmpty: boolean): string {
  if (typeof value !== 'string') fail(path, `expected text, found ${describe(value)}`);
  if (!allowEmpty && value.length === 0) fail(path, 'is empty');
  if (value.length > maxLength) fail(path, `is longer than ${maxLength} characters`);
  return value;
}

export function expectNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number') fail(path, `expected a number, found ${describe(value)}`);
  // JSON reads an overlong number such as 1e400 as Infinity: still a "number" to typeof.
  if (!Number.isFinite(value)) fail(path, `expected a finite number, found ${String(value)}`);
  if (value < min || value > max) fail(path, `${value} is outside the allowed range ${min}–${max}`);
  return value;
}

export function expectInteger(value: unknown, path: string, min: number, max: number): number {
  const number = expectNumber(value, path, min, max);
  if (!Number.isInteger(number)) fail(path, `expected a whole number, found ${number}`);
  return number;
}

export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `expected true or false, found ${describe(value)}`);
  return value;
}

export function expectOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function expectArray(value: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected a list, found ${describe(value)}`);
  if (value.length > maxLength) fail(path, `has more than ${maxLength} items`);
  return value;
}

/** Four probabilities (0–1) summing to 1, in NEEDS order. */
export function expectProbabilities(value: unknown, path: string): readonly [number, number, number, number] {
  const list = expectArray(value, path, 4);
  if (list.length !== 4) fail(path, 'expected 4 probabilities');
  const [a, b, c, d] = list.map((p, index) => expectNumber(p, `${path}[${index}]`, 0, 1));
  if (a === undefined || b === undefined || c === undefined || d === undefined) fail(path, 'expected 4 probabilities');
  if (Math.abs(a + b + c + d - 1) > PROBABILITY_SUM_TOLERANCE) fail(path, 'probabilities do not add up to 1');
  return [a, b, c, d];
}
