/** Text with Markdown code spans (`like this`) rendered as `<code>`; everything else stays plain text. */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        // Odd indexes are the captured code spans; the list is static, so the index is a stable key.
        i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>,
      )}
    </>
  );
}
