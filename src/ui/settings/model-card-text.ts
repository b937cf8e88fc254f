/**
 * The plain-language bullets of one section of a model card (MODEL_CARD.md, written by the
 * training scripts), as text: the app shows the card's own words, so a retrained model's numbers
 * appear without an app change. Only "- " bullets are kept; emphasis marks and code ticks are
 * dropped (the text is shown as text, never as HTML).
 */
export function cardSection(markdown: string, heading: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return [];
  const bullets: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('- ')) bullets.push(line.slice(2).replace(/\*\*|`/g, '').trim());
  }
  return bullets;
}
