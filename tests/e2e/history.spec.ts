import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parseCsv } from '../helpers/csv-reader.ts';
import { openApp } from './first-run.ts';

/**
 * History end to end, through what a parent touches: a backup from another phone is restored,
 * its cries are annotated, survive a reload, are exported to CSV (the downloaded file is parsed)
 * and backed up again, and that backup is restored into fresh babies. Hostile files change nothing.
 */

const HOUR_MS = 3_600_000;
const PROFILE_ID = '6f1c1d8e-2b8a-4c55-9d38-0c6ad1f1a001';

function episodeAt(id: string, startedAt: number, note: string) {
  return {
    id,
    profileId: PROFILE_ID,
    startedAt,
    endedAt: startedAt + 75_000,
    durationSeconds: 75,
    peakCryProbability: 0.91,
    needProbabilities: [0.1, 0.6, 0.2, 0.1],
    modalities: { audio: [0.1, 0.6, 0.2, 0.1] },
    contributed: ['audio'],
    topNeed: 'hunger',
    confidence: 0.6,
    notSure: false,
    modelVersions: { 'cry-detector': 'test' },
    note,
    actualReason: null,
    whatHelped: '',
    updatedAt: startedAt + 80_000,
  };
}

function otherPhoneBackup(now: number): string {
  return JSON.stringify({
    format: 'crydecode-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    profiles: [{ id: PROFILE_ID, name: 'Ada', birthDate: '2026-01-15', avatarColor: '#2a9d8f', createdAt: now - 100 * 24 * HOUR_MS }],
    episodes: [
      episodeAt('6f1c1d8e-2b8a-4c55-9d38-0c6ad1f1e001', now - 2 * HOUR_MS, ''),
      episodeAt('6f1c1d8e-2b8a-4c55-9d38-0c6ad1f1e002', now - 26 * HOUR_MS, '=HYPERLINK("http://evil.example"), "quoted"\nsecond line'),
    ],
  });
}

async function openHistory(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('tab-history').click();
  await expect(page.getByRole('tablist', { name: 'History' })).toBeVisible();
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

async function restoreFile(page: Page, name: string, content: string, mode: 'Merge' | 'Add as new babies'): Promise<void> {
  await openTab(page, 'Data');
  await page.getByLabel('Restore from a backup file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await expect(page.getByTestId('restore-preview')).toBeVisible();
  await page.getByRole('radio', { name: mode === 'Merge' ? /Merge with/ : /Add as new babies/ }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
}

test('restore, annotate, reload, export CSV, back up and restore into fresh babies', async ({ page }) => {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const now = Date.now();
  await openHistory(page);
  await expect(page.getByText('No cries logged in these days')).toBeVisible();

  // A hostile or broken file is refused with a reason, and nothing changes.
  await openTab(page, 'Data');
  const good = otherPhoneBackup(now);
  await page.getByLabel('Restore from a backup file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(good.slice(0, 200)) });
  await expect(page.getByTestId('history-error')).toContainText('not valid JSON');
  await page.getByLabel('Restore from a backup file').setInputFiles({
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(good.replace('{', '{"__proto__":{"polluted":1},')),
  });
  await expect(page.getByTestId('history-error')).toContainText('forbidden key "__proto__"');
  await expect(page.getByTestId('restore-preview')).toHaveCount(0);

  await restoreFile(page, 'from-other-phone.json', good, 'Merge');
  // A fresh phone's empty placeholder baby gives way to the restored one (issue 13).
  await expect(page.getByTestId('history-notice')).toHaveText('Backup restored: 2 cries added, 1 baby added. Now logging for Ada.');

  // The restored cries show under "All babies"; one gets the parent's answer.
  await openTab(page, 'Cries');
  await page.getByLabel('Baby').selectOption({ label: 'All babies' });
  const episodes = page.getByTestId('episode');
  await expect(episodes).toHaveCount(2);
  await episodes.first().getByRole('button', { name: 'Add note / what it was' }).click();
  await episodes.first().getByLabel('What it really was').selectOption({ label: 'Tired' });
  await episodes.first().getByLabel('What helped').fill('rocking, then sleep');
  await episodes.first().getByRole('button', { name: 'Save' }).click();
  await expect(episodes.first()).toContainText('What helped: rocking, then sleep');

  // Delete with undo.
  await episodes.nth(1).getByRole('button', { name: 'Delete' }).click();
  await expect(episodes).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(episodes).toHaveCount(2);

  // Everything survives a reload.
  await openHistory(page);
  await page.getByLabel('Baby').selectOption({ label: 'All babies' });
  await expect(episodes).toHaveCount(2);
  await expect(episodes.first()).toContainText('Really: Tired');

  // CSV export: the downloaded file is a well-formed, injection-safe spreadsheet.
  await openTab(page, 'Data');
  await page.getByLabel('Baby').selectOption({ label: 'All babies' });
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvPath = await (await csvDownload).path();
  const bytes = await readFile(csvPath);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const header = rows[0] ?? [];
  expect(header.slice(0, 4)).toEqual(['episode_id', 'baby', 'started_at', 'ended_at']);
  expect(rows).toHaveLength(3);
  const column = (name: string, row: string[] | undefined): string | undefined => row?.[header.indexOf(name)];
  const [older, newer] = [rows[1], rows[2]];
  expect(column('baby', older)).toBe('Ada');
  expect(column('started_at', older)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  expect(column('note', older)).toBe(`'=HYPERLINK("http://evil.example"), "quoted"\nsecond line`);
  expect(column('actual_reason', newer)).toBe('tired');
  expect(column('what_helped', newer)).toBe('rocking, then sleep');
  expect(column('p_hunger', newer)).toBe('0.6');

  // Full backup, restored as new babies: the history is there twice, apart.
  const backupDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a backup' }).click();
  const backupText = await readFile(await (await backupDownload).path(), 'utf8');
  expect(JSON.parse(backupText)).toMatchObject({ format: 'crydecode-backup', version: 1 });
  await restoreFile(page, 'backup.json', backupText, 'Add as new babies');
  await expect(page.getByTestId('history-notice')).toContainText('2 cries added');
  await openTab(page, 'Babies');
  // My baby, Ada, and a restored copy of each.
  await expect(page.getByTestId('profile')).toHaveCount(4);
  await expect(page.getByTestId('profile').filter({ hasText: 'Ada (restored)' })).toHaveCount(1);
  await openTab(page, 'Cries');
  await page.getByLabel('Baby').selectOption({ label: 'Ada (restored)' });
  await expect(episodes).toHaveCount(2);
  await expect(episodes.first()).toContainText('Really: Tired');

  // Delete all, with confirmation.
  await openTab(page, 'Data');
  await page.getByRole('button', { name: 'Delete all my data…' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByTestId('history-notice')).toHaveText('All data deleted from this device.');
  await openTab(page, 'Cries');
  await page.getByLabel('Baby').selectOption({ label: 'All babies' });
  await expect(page.getByText('No cries logged in these days')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Patterns draws charts with text alternatives', async ({ page }) => {
  await openHistory(page);
  await restoreFile(page, 'from-other-phone.json', otherPhoneBackup(Date.now()), 'Merge');
  await expect(page.getByTestId('history-notice')).toContainText('2 cries added');
  await openTab(page, 'Patterns');
  await page.getByLabel('Baby').selectOption({ label: 'Ada' });
  await expect(page.getByRole('img', { name: /Cries per day/ })).toBeVisible();
  await expect(page.getByText(/^2 cries in 28 days/)).toBeVisible();
  await expect(page.getByRole('img', { name: /Cries by hour of day/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /How long cries lasted/ })).toBeVisible();
  await expect(page.getByText('Half the cries lasted 1:15 or less (minutes:seconds).')).toBeVisible();
  await expect(page.getByText(/Most often estimated: Hunger/)).toBeVisible();
});
