/** The app's four places, in the order of the bottom bar. */
export const APP_TABS = [
  { key: 'monitor', label: 'Monitor' },
  { key: 'log', label: 'Log' },
  { key: 'history', label: 'History' },
  { key: 'settings', label: 'Settings' },
] as const;
export type AppTab = (typeof APP_TABS)[number]['key'];
