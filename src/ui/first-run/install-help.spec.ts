import { describe, expect, it } from 'vitest';
import { installWay } from './install-help.ts';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';

describe('installWay', () => {
  it('says installed when running standalone, whatever the browser', () => {
    expect(installWay(IPHONE, true, 5)).toBe('installed');
  });
  it('recognises an iPhone and an iPad that reports itself as a Mac', () => {
    expect(installWay(IPHONE, false, 5)).toBe('ios');
    expect(installWay(IPAD_AS_MAC, false, 5)).toBe('ios');
  });
  it('keeps a real Mac and Android apart', () => {
    expect(installWay(IPAD_AS_MAC, false, 0)).toBe('desktop-other');
    expect(installWay(FIREFOX_ANDROID, false, 5)).toBe('android-other');
  });
});
