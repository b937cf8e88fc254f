import { describe, expect, it } from 'vitest';
import { BACKGROUND_NOTICE_AFTER_SECONDS, backgroundNotice } from './background-notice.ts';

describe('backgroundNotice', () => {
  it('says nothing for a brief switch away', () => {
    expect(backgroundNotice(BACKGROUND_NOTICE_AFTER_SECONDS - 1)).toBeNull();
  });
  it('says how long listening may have paused', () => {
    expect(backgroundNotice(30)).toContain('30 s');
    expect(backgroundNotice(600)).toContain('10 min');
    expect(backgroundNotice(600)).toMatch(/paused/);
  });
});
