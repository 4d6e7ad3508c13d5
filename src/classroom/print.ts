/**
 * The Print buttons on /classroom/: "all exercise sheets" prints only the
 * sheets, one per page; a sheet's own button prints that sheet alone. The
 * choice is an attribute on <html> that the print stylesheet reads, removed
 * once the print dialog closes so the page and a later Ctrl+P are as before.
 */
export function mountPrintButtons(root: ParentNode): void {
  const html = document.documentElement;
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-print]')) {
    button.addEventListener('click', () => {
      html.dataset.print = button.dataset.print === 'sheet' ? 'sheet' : 'sheets';
      const sheet = button.closest<HTMLElement>('[data-exercise-sheet]');
      if (html.dataset.print === 'sheet' && sheet) sheet.dataset.printing = '';
      window.print();
    });
  }
  window.addEventListener('afterprint', () => {
    delete html.dataset.print;
    for (const sheet of document.querySelectorAll<HTMLElement>('[data-printing]')) delete sheet.dataset.printing;
  });
}
