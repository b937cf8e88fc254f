import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  CSV_COLUMNS,
  csvByteStream,
  episodeCsvChunks,
  episodeCsvLine,
  formatIsoWithOffset,
  formatPlainNumber,
  neutralizeFormula,
  quoteCsvField,
  textCell,
} from './csv.ts';
import { addEpisode, annotateEpisode } from './episodes.ts';
import { createProfile } from './profiles.ts';
import { episode, episodeRecord, freshHistoryDb } from '../../tests/unit/history-fixtures.ts';
import { parseCsv } from '../../tests/helpers/csv-reader.ts';

const UTC_PLUS_ONE = (): number => 60;

describe('formatIsoWithOffset', () => {
  const instant = Date.UTC(2026, 10, 25, 2, 14, 7, 900);
  it('writes local time with a positive offset, to the second', () => {
    expect(formatIsoWithOffset(instant, 60)).toBe('2026-11-25T03:14:07+01:00');
  });
  it('writes negative and half-hour offsets', () => {
    expect(formatIsoWithOffset(instant, -300)).toBe('2026-11-24T21:14:07-05:00');
    expect(formatIsoWithOffset(instant, 330)).toBe('2026-11-25T07:44:07+05:30');
    expect(formatIsoWithOffset(instant, -210)).toBe('2026-11-24T22:44:07-03:30');
  });
  it('writes UTC as +00:00', () => {
    expect(formatIsoWithOffset(instant, 0)).toBe('2026-11-25T02:14:07+00:00');
  });
});

describe('cells', () => {
  it('quotes fields with quotes, commas, CR or LF and doubles inner quotes', () => {
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('line1\nline2')).toBe('"line1\nline2"');
    expect(quoteCsvField('line1\r\nline2')).toBe('"line1\r\nline2"');
  });

  it('neutralizes cells that a spreadsheet could run as formulas', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(neutralizeFormula(attack)).toBe(`'${attack}`);
    }
    expect(neutralizeFormula('fed, then slept')).toBe('fed, then slept');
    expect(neutralizeFormula('')).toBe('');
    expect(textCell('=1+2,3')).toBe(`"'=1+2,3"`);
  });

  it('formats numbers plainly, never with an exponent', () => {
    expect(formatPlainNumber(0.25, 4)).toBe('0.25');
    expect(formatPlainNumber(1e-9, 4)).toBe('0');
    expect(formatPlainNumber(-1e-9, 4)).toBe('0');
    expect(formatPlainNumber(12, 4)).toBe('12');
    expect(formatPlainNumber(0.123456, 4)).toBe('0.1235');
    expect(formatPlainNumber(90.04, 1)).toBe('90');
    expect(formatPlainNumber(1234567.5, 1)).toBe('1234567.5');
  });
});

describe('episodeCsvLine', () => {
  it('writes one RFC 4180 row with every field in column order', () => {
    const line = episodeCsvLine(
      episode({
        modalities: { audio: [0.1, 0.6, 0.2, 0.1], face: [0.4, 0.2, 0.2, 0.2] },
        contributed: ['audio', 'face'],
        note: 'woke, "screamed"\r\nthen calmed',
        actualReason: 'tired',
        whatHelped: '=cmd|calc',
      }),
      'Zoë, "Bug"',
      UTC_PLUS_ONE,
    );
    expect(line.endsWith('\r\n')).toBe(true);
    const [cells] = parseCsv(line);
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, cells?.[index]]));
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(byColumn).toMatchObject({
      baby: 'Zoë, "Bug"',
      started_at: '2026-11-25T03:14:07+01:00',
      ended_at: '2026-11-25T03:15:37+01:00',
      duration_seconds: '90',
      peak_cry_probability: '0.93',
      top_need: 'hunger',
      confidence: '0.6',
      not_sure: 'no',
      p_hunger: '0.6',
      face_p_discomfort: '0.4',
      contributed: 'audio;face',
      model_versions: 'cry-detector=2026-11-25;need-classifier=2026-11-25',
      note: 'woke, "screamed"\r\nthen calmed',
      actual_reason: 'tired',
      what_helped: "'=cmd|calc",
      updated_at: '2026-11-25T03:16:00+01:00',
      detector_correction: '',
    });
  });

  it('says which cries the parent marked as false alarms or confirmed', () => {
    const cell = (e: ReturnType<typeof episode>): string | undefined => parseCsv(episodeCsvLine(e, 'Ada', UTC_PLUS_ONE))[0]?.[CSV_COLUMNS.indexOf('detector_correction')];
    expect(cell(episode({ cryCorrection: 'false-alarm' }))).toBe('false alarm');
    expect(cell(episode({ cryCorrection: 'cry' }))).toBe('crying');
    expect(cell(episode({ cryCorrection: null }))).toBe('');
  });

  it('leaves cells empty where there is no estimate', () => {
    const line = episodeCsvLine(
      episode({ needProbabilities: null, modalities: {}, contributed: [], topNeed: null, confidence: null, notSure: true }),
      'Ada',
      UTC_PLUS_ONE,
    );
    const [cells] = parseCsv(line);
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, cells?.[index]]));
    expect(byColumn).toMatchObject({ top_need: '', confidence: '', not_sure: 'yes', p_pain: '', audio_p_tired: '' });
  });
});

describe('episodeCsvChunks', () => {
  it('streams BOM, header and rows for the chosen baby, oldest first, across pages', async () => {
    const db = await freshHistoryDb();
    const today = '2026-11-25';
    const ada = await createProfile(db, { name: 'Ada', birthDate: null }, 0, today);
    const bo = await createProfile(db, { name: 'Bo', birthDate: null }, 1, today);
    const base = Date.UTC(2026, 10, 25);
    for (let i = 4; i >= 0; i -= 1) {
      const startedAt = base + i * 60_000;
      await addEpisode(db, ada.id, episodeRecord({ startedAt, endedAt: startedAt + 5000 }), base);
    }
    const boEpisode = await addEpisode(db, bo.id, episodeRecord({ startedAt: base, endedAt: base + 1 }), base);
    await annotateEpisode(db, boEpisode.id, { note: '@mention', actualReason: null, whatHelped: '' }, base);

    const chunks: string[] = [];
    const filter = { profileId: ada.id, fromMs: base, toMs: base + 3 * 60_000 };
    for await (const chunk of episodeCsvChunks(db, filter, { offsetMinutesAt: UTC_PLUS_ONE, pageSize: 2 })) chunks.push(chunk);
    expect(chunks.length).toBe(3); // header, a page of 2, a page of 2
    const text = chunks.join('');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(text.slice(CSV_BOM.length));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((row) => row[2])).toEqual([
      '2026-11-25T01:00:00+01:00',
      '2026-11-25T01:01:00+01:00',
      '2026-11-25T01:02:00+01:00',
      '2026-11-25T01:03:00+01:00',
    ]);
    expect(rows.slice(1).every((row) => row[1] === 'Ada')).toBe(true);

    const everything: string[] = [];
    for await (const chunk of episodeCsvChunks(db, { profileId: null, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }, { offsetMinutesAt: UTC_PLUS_ONE })) {
      everything.push(chunk);
    }
    const allRows = parseCsv(everything.join('').slice(CSV_BOM.length));
    expect(allRows).toHaveLength(7);
    expect(allRows.find((row) => row[1] === 'Bo')?.[CSV_COLUMNS.indexOf('note')]).toBe("'@mention");
  });

  it('encodes as UTF-8 bytes starting with the BOM', async () => {
    const db = await freshHistoryDb();
    const zoe = await createProfile(db, { name: 'Zoë', birthDate: null }, 0, '2026-11-25');
    await addEpisode(db, zoe.id, episodeRecord(), 0);
    const all = { profileId: null, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    const bytes = new Uint8Array(await new Response(csvByteStream(episodeCsvChunks(db, all))).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`${CSV_BOM}episode_id,`)).toBe(true);
    expect(parseCsv(text.slice(1))[1]?.[1]).toBe('Zoë');
  });
});
