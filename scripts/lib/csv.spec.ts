import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvRows } from './csv.ts';

describe('parseCsvRows', () => {
  it('handles quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n';
    expect(parseCsvRows(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('reports an unclosed quote and a stray quote', () => {
    expect(() => parseCsvRows('a\n"open', 'm.csv')).toThrow(/m\.csv: a quoted field is never closed/);
    expect(() => parseCsvRows('a\nab"c', 'm.csv')).toThrow(/m\.csv: line 2: a quote in the middle/);
  });
});

describe('parseCsvRecords', () => {
  it('keys fields by header and reads the corpus metadata style', () => {
    const text = 'file,kind,license\nesc/cry/1.wav,cry,"CC BY 3.0 (ESC-10)"\nspeech/0_george_0.wav,speech,"CC BY-SA 4.0 (FSDD, Z. Jackson et al.)"\n';
    expect(parseCsvRecords(text, 'meta.csv', ['file', 'kind'])).toEqual([
      { file: 'esc/cry/1.wav', kind: 'cry', license: 'CC BY 3.0 (ESC-10)' },
      { file: 'speech/0_george_0.wav', kind: 'speech', license: 'CC BY-SA 4.0 (FSDD, Z. Jackson et al.)' },
    ]);
  });

  it('names missing columns and ragged rows', () => {
    expect(() => parseCsvRecords('file,label\na,b\n', 'x.csv', ['file', 'class4'])).toThrow(/x\.csv: missing column\(s\) class4; found file, label/);
    expect(() => parseCsvRecords('file,label\na\n', 'x.csv')).toThrow(/row 2 has 1 fields but the header has 2/);
    expect(() => parseCsvRecords('', 'x.csv')).toThrow(/empty file/);
  });
});
