// After an action removes the focused control (an answered offer, a finished contact), put focus
// on the first of these elements that exists once React has rendered, so keyboard users keep their place.
export function focusLater(...ids: string[]): void {
  requestAnimationFrame(() => {
    for (const id of ids) {
      const el = id === 'page-title' ? document.querySelector<HTMLElement>('h1[tabindex="-1"]') : document.getElementById(id);
      if (el) {
        el.focus();
        return;
      }
    }
  });
}
