import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { openMonitor } from './open-monitor.ts';

/**
 * The 3 a.m. screen: while the fake microphone plays a cry (the fixture loops, so the cry goes
 * on), the status, the need with its reason, two things to try and Stop sit in the first
 * viewport of a phone; nothing overflows sideways and nothing sits under a fixed or sticky bar.
 * Measured from the laid-out boxes, in CSS pixels. A screenshot of each size is written for a
 * reviewer (not compared).
 */

const PHONES = [
  { name: '390x844', width: 390, height: 844, careLogInView: true },
  { name: '360x640', width: 360, height: 640, careLogInView: false },
] as const;
const CRY_TIMEOUT_MS = 40_000;
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

interface Box {
  label: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Whether the element itself is what a tap at its centre and inner corners lands on (not a bar, not clipped away). */
  onTop: boolean;
}

/** Boxes of the elements matching each selector, as laid out now. */
async function boxes(page: Page, selectors: Record<string, string>): Promise<Box[]> {
  return page.evaluate((entries) => {
    const out: Box[] = [];
    for (const [label, selector] of entries) {
      document.querySelectorAll(selector).forEach((element, i) => {
        const r = element.getBoundingClientRect();
        const points: [number, number][] = [
          [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
          [r.left + 2, r.top + 2],
          [r.right - 2, r.bottom - 2],
        ];
        const onTop = points.every(([x, y]) => {
          const hit = document.elementFromPoint(x, y);
          return hit !== null && (element === hit || element.contains(hit) || hit.contains(element));
        });
        out.push({ label: `${label}#${i}`, top: r.top, bottom: r.bottom, left: r.left, right: r.right, onTop });
      });
    }
    return out;
  }, Object.entries(selectors));
}

/** Scrolls the page and every scrolling box in it (an app shell may scroll a container, not the page). */
async function scrollAll(page: Page, to: 'top' | 'bottom'): Promise<void> {
  await page.evaluate((where) => {
    const scrollers = [document.scrollingElement, ...document.body.querySelectorAll('*')].filter(
      (el): el is Element => el !== null && el.scrollHeight > el.clientHeight + 1 && (el === document.scrollingElement || /auto|scroll/.test(getComputedStyle(el).overflowY)),
    );
    for (const el of scrollers) el.scrollTop = where === 'top' ? 0 : el.scrollHeight;
  }, to);
}

/** Content in the viewport that a tap at its centre would not reach: covered by a bar or clipped under one. */
function coveredContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a, canvas, video, p, li, h2, h3')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= innerHeight || !el.checkVisibility({ visibilityProperty: true })) continue;
      // Partly scrolled out at the top or bottom edge of the screen is scrolling, not hiding.
      if (r.top < 0 || r.bottom > innerHeight) continue;
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (hit !== null && !el.contains(hit) && !hit.contains(el)) {
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" under ${hit.tagName.toLowerCase()}.${hit.className}`);
      }
    }
    return out;
  });
}

/**
 * Visible content (text-bearing leaves, controls, pictures) that overlaps an element fixed or
 * sticky on screen, other than the bar's own content: what a bar would hide once scrolled to the end.
 */
function contentUnderBars(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const all = [...document.body.querySelectorAll<HTMLElement>('*')];
    const bars = all.filter((el) => {
      const position = getComputedStyle(el).position;
      const r = el.getBoundingClientRect();
      return (position === 'fixed' || position === 'sticky') && r.width > 0 && r.height > 0;
    });
    const isContent = (el: HTMLElement): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || !el.checkVisibility({ visibilityProperty: true })) return false;
      if (['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'CANVAS', 'VIDEO', 'SUMMARY', 'A'].includes(el.tagName)) return true;
      return [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    };
    const hidden: string[] = [];
    for (const bar of bars) {
      const b = bar.getBoundingClientRect();
      for (const el of all) {
        if (bar.contains(el) || el.contains(bar) || !isContent(el)) continue;
        const r = el.getBoundingClientRect();
        const overlaps = r.left < b.right - 0.5 && r.right > b.left + 0.5 && r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5;
        if (overlaps) hidden.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" under ${bar.tagName.toLowerCase()}.${bar.className}`);
      }
    }
    return hidden;
  });
}

/** Elements wider than the viewport or sticking out of it sideways. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect();
      // What a closed disclosure holds is laid out but not shown.
      if (r.width === 0 || r.height === 0 || !el.checkVisibility()) continue;
      if (r.right > width + 0.5 || r.left < -0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${r.left.toFixed(0)}–${r.right.toFixed(0)}`);
    }
    return out;
  });
}

/**
 * Records, on every DOM change, moments when the screen shows other than exactly one status, or a
 * status that contradicts a cry; and how many changes it checked before and during the cry, so an
 * empty problem list is known to cover both.
 */
async function watchOneStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = { checksCalm: 0, checksCrying: 0, problems: [] as string[] };
    (window as unknown as { crydecodeStatusWatch: typeof record }).crydecodeStatusWatch = record;
    new MutationObserver(() => {
      const statuses = document.querySelectorAll('[data-testid="verdict"]').length;
      if (statuses !== 1) record.problems.push(`${statuses} status blocks`);
      const crying = document.querySelector('[data-testid="cry-state"]')?.getAttribute('data-crying') === 'true';
      if (crying) record.checksCrying += 1;
      else record.checksCalm += 1;
      const text = document.querySelector('[data-testid="monitor-screen"]')?.textContent ?? '';
      if (crying && /no crying episode|not crying/i.test(text)) record.problems.push(`crying beside "${/no crying episode|not crying/i.exec(text)?.[0] ?? ''}"`);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

test.describe('the crying monitor fits one phone screen', () => {
  test.setTimeout(90_000);

  for (const phone of PHONES) {
    test(`at ${phone.name}: one status, the need and why, two things to try and Stop in the first viewport`, async () => {
      await withBrowser(
        fakeMicrophoneArgs('cry-48k.wav'),
        async (page) => {
          await openMonitor(page);
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `monitor-not-listening-${phone.name}.png`) });
          await watchOneStatus(page);
          await page.getByTestId('listen-button').click();
          await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'crying', { timeout: CRY_TIMEOUT_MS });
          await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'open', { timeout: CRY_TIMEOUT_MS });
          await expect(page.getByTestId('need-answer')).toBeVisible();
          await expect(page.getByTestId('listen-button')).toHaveText(/Stop/);
          await expect(page.getByTestId('try-first')).toHaveCount(2);
          // The answer names at most two needs, each as the baby's state ("hungry or tired"); with no care log
          // on this fresh phone and the sound's need at chance, it says it is not sure (issue 11).
          await expect(page.getByTestId('need-answer')).toHaveText(/^((Likely|Maybe) (uncomfortable|hungry|in pain|tired)( or (uncomfortable|hungry|in pain|tired))?|Not sure what it is)$/);
          await scrollAll(page, 'top');
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `monitor-crying-${phone.name}.png`) });

          const essentials = await boxes(page, {
            status: '[data-testid="cry-state"]',
            duration: '[data-testid="episode-banner"]',
            need: '[data-testid="need-answer"]',
            reason: '[data-testid="result-card"] [data-testid$="reason"]',
            'thing to try': '[data-testid="try-first"]',
            stop: '[data-testid="listen-button"]',
            ...(phone.careLogInView ? { 'care log': '[data-testid="care-log"] .buttons' } : {}),
          });
          expect(essentials.filter((b) => b.label.startsWith('thing to try'))).toHaveLength(2);
          expect(essentials.filter((b) => b.label.startsWith('reason'))).toHaveLength(1);
          const outside = essentials.filter((b) => b.top < 0 || b.left < 0 || b.bottom > phone.height || b.right > phone.width);
          expect(outside, 'outside the first viewport').toEqual([]);
          expect(essentials.filter((b) => !b.onTop).map((b) => b.label), 'covered by something else').toEqual([]);

          expect(await horizontalOverflow(page)).toEqual([]);
          // Scrolled to the end, the last of the content clears every bar.
          await scrollAll(page, 'bottom');
          expect(await contentUnderBars(page)).toEqual([]);
          expect(await coveredContent(page)).toEqual([]);
          await scrollAll(page, 'top');

          // One percent style on the whole screen: "72%", never "72 %".
          expect(await page.getByTestId('monitor-screen').textContent()).not.toMatch(/\d %/);

          // "Is this serious?" opens the red flags first, right there.
          await page.getByTestId('serious').click();
          const flags = page.getByTestId('red-flags');
          await expect(flags).toBeVisible();
          await expect(flags).toContainText('38 °C');
          const [flagsBox] = await boxes(page, { flags: '[data-testid="red-flags"]' });
          expect(flagsBox?.top ?? Number.POSITIVE_INFINITY).toBeLessThan(phone.height);
          expect(flagsBox?.top ?? Number.NEGATIVE_INFINITY).toBeGreaterThanOrEqual(0);
          expect(await horizontalOverflow(page)).toEqual([]);

          const watch = await page.evaluate(
            () => (window as unknown as { crydecodeStatusWatch: { checksCalm: number; checksCrying: number; problems: string[] } }).crydecodeStatusWatch,
          );
          expect(watch.checksCalm, 'changes checked before the cry').toBeGreaterThan(0);
          expect(watch.checksCrying, 'changes checked during the cry').toBeGreaterThan(0);
          expect(watch.problems).toEqual([]);
        },
        { viewport: { width: phone.width, height: phone.height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
      );
    });
  }
});
