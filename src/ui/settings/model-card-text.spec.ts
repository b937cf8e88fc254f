import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardSection } from './model-card-text.ts';

const card = (name: string): string => readFileSync(path.resolve(import.meta.dirname, '../../../public/models', name, 'MODEL_CARD.md'), 'utf8');

describe('cardSection', () => {
  it('keeps the bullets of one section, without emphasis marks', () => {
    const md = '# Card\n\n## A\n- **Bold** and `code`.\n- Second.\n\n## B\n- Not this.\n';
    expect(cardSection(md, 'A')).toEqual(['Bold and code.', 'Second.']);
    expect(cardSection(md, 'B')).toEqual(['Not this.']);
  });

  it('gives nothing for a missing heading', () => {
    expect(cardSection('## A\n- x\n', 'C')).toEqual([]);
  });

  // The About screen reads these headings from the shipped cards: a renamed heading must fail here.
  it('finds the sections the About screen shows in the shipped cards', () => {
    expect(cardSection(card('audio'), 'What this means for a parent').join(' ')).toMatch(/not reliable/);
    expect(cardSection(card('vision'), 'What it cannot tell').join(' ')).toMatch(/need/i);
  });
});
