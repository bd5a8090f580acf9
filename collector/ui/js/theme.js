// Light or dark: the system's choice (prefers-color-scheme) unless someone
// picked one with the header switch, remembered in this browser. The
// stylesheet does the rest with light-dark() colours.
const KEY = 'tandem.theme';
const CHOICES = ['auto', 'dark', 'light'];

export function theme() {
  const t = localStorage.getItem(KEY);
  return CHOICES.includes(t) ? t : 'auto';
}

export function applyTheme(t = theme()) {
  if (t === 'auto') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, t);
    document.documentElement.dataset.theme = t;
  }
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.textContent = `Theme: ${t}`;
    button.dataset.theme = t;
  }
}

/** auto → dark → light → auto */
export function nextTheme() {
  applyTheme(CHOICES[(CHOICES.indexOf(theme()) + 1) % CHOICES.length]);
}
