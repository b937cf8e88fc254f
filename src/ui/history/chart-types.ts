/** Where one column (a bar or a stack of bars) of a history chart sits, in SVG units. */
export interface ChartColumn {
  index: number;
  x: number;
  width: number;
  /** y of the axis line: bars grow upwards from here. */
  baselineY: number;
  /** Height of a bar of this value, scaled so the largest value fills the plot. */
  heightOf: (value: number) => number;
}

/** The table that says in words what a chart draws: one row per column of the chart. */
export interface ChartTable {
  /** Headings of the row-label column and then of each value column. */
  headings: readonly string[];
  rows: readonly { label: string; values: readonly number[] }[];
}
