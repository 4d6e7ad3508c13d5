import { inlineSegments } from './inline';

/** Text with its `code`, *emphasis* and **strong** marks, as elements: never HTML. */
export function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineSegments(text).map((segment) =>
        segment.kind === 'code' ? <code>{segment.text}</code> : segment.kind === 'em' ? <em>{segment.text}</em> : segment.kind === 'strong' ? <strong>{segment.text}</strong> : segment.text,
      )}
    </>
  );
}
