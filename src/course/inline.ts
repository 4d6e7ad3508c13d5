/**
 * The little Markdown a checkpoint's hints and a quiz's prompts, choices and
 * explanations may use: `code`, *emphasis* and **strong**. Parsed into
 * segments that the page renders as elements with text content, so the
 * text is never HTML.
 */
export interface InlineSegment {
  kind: 'text' | 'code' | 'em' | 'strong';
  text: string;
}

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;

export function inlineSegments(source: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > last) segments.push({ kind: 'text', text: source.slice(last, match.index) });
    if (match[1] !== undefined) segments.push({ kind: 'code', text: match[1] });
    else if (match[2] !== undefined) segments.push({ kind: 'strong', text: match[2] });
    else segments.push({ kind: 'em', text: match[3] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < source.length) segments.push({ kind: 'text', text: source.slice(last) });
  return segments;
}

/** The text as read aloud or searched: the marks dropped. */
export function plainText(source: string): string {
  return inlineSegments(source)
    .map((segment) => segment.text)
    .join('');
}
