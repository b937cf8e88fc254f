import { parseArgs } from 'node:util';

/**
 * The one command-line reader of the benchmark scripts. Each argument can be given by position
 * (as the usage lines in the scripts and BENCHMARKS.md show) or by name (`--seconds 10`); a
 * missing one takes its default. A bad value is a clear message, never a NaN in a benchmark.
 */

export interface NumberArgument {
  name: string;
  default: number;
  /** Accept only whole numbers (counts, ports). */
  whole?: boolean;
}

export interface TextArgument {
  name: string;
  default: string;
  text: true;
}

export type BenchArgument = NumberArgument | TextArgument;

type Values<Specs extends readonly BenchArgument[]> = { -readonly [K in keyof Specs]: Specs[K] extends TextArgument ? string : number };

export class BenchArgumentError extends Error {}

export function parseBenchArguments<const Specs extends readonly BenchArgument[]>(specs: Specs, argv: readonly string[]): Values<Specs> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(specs.map((spec) => [spec.name, { type: 'string' as const }])),
    });
  } catch (error) {
    throw new BenchArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length > specs.length) {
    throw new BenchArgumentError(`expected at most ${specs.length} arguments (${specs.map((spec) => spec.name).join(', ')}), got ${parsed.positionals.length}`);
  }
  const values = specs.map((spec, index) => {
    const named = parsed.values[spec.name];
    const positional = parsed.positionals[index];
    if (typeof named === 'string' && positional !== undefined) throw new BenchArgumentError(`${spec.name} given twice, by position and by name`);
    const text = typeof named === 'string' ? named : positional;
    if ('text' in spec) return text ?? spec.default;
    if (text === undefined) return spec.default;
    const value = Number(text);
    const valid = text.trim() !== '' && Number.isFinite(value) && value > 0 && (spec.whole !== true || Number.isInteger(value));
    if (!valid) throw new BenchArgumentError(`${spec.name} must be a positive ${spec.whole === true ? 'whole number' : 'number'}, got "${text}"`);
    return value;
  });
  return values as Values<Specs>;
}

/** parseBenchArguments on this process's arguments; on a bad one, says why and exits with status 2. */
export function benchArguments<const Specs extends readonly BenchArgument[]>(script: string, specs: Specs): Values<Specs> {
  try {
    return parseBenchArguments(specs, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgumentError)) throw error;
    console.error(`${script}: ${error.message}`);
    process.exit(2);
  }
}
