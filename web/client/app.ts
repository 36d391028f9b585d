/**
 * Progressive enhancement for every dashboard page. Every page works without it (forms post,
 * links navigate, chart figures are in tables); this adds focus management, busy buttons,
 * confirmations, copy-to-clipboard, and loads the chart script on pages with charts.
 */
document.documentElement.classList.add('js')

// Errors and one-time secrets are read first: move focus there (a keyboard user lands on them).
document.querySelector<HTMLElement>('[data-focus-on-load]')?.focus()

for (const form of document.querySelectorAll<HTMLFormElement>('form')) {
  form.addEventListener('submit', (event) => {
    const question = form.dataset.confirm
    if (question && !window.confirm(question)) {
      event.preventDefault()
      return
    }
    // One submission per page view: a second click while the next page loads does nothing.
    if (form.dataset.submitted) {
      event.preventDefault()
      return
    }
    form.dataset.submitted = 'true'
    const button = (event.submitter ?? form.querySelector('button[type=submit]')) as HTMLButtonElement | null
    const busy = button?.dataset.busyLabel
    if (button && busy) {
      button.setAttribute('aria-busy', 'true')
      button.classList.add('is-busy')
      button.textContent = busy
    }
  })
}

// Coming back with the browser's back button restores the page as it was: undo the busy state.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-submitted]')) {
    delete form.dataset.submitted
  }
})

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy-target]')) {
  const input = document.getElementById(button.dataset.copyTarget ?? '') as HTMLInputElement | null
  if (!input) continue
  button.hidden = false
  button.addEventListener('click', async () => {
    input.select()
    try {
      await navigator.clipboard.writeText(input.value)
    } catch {
      // Without clipboard permission the text stays selected for Ctrl+C.
      return
    }
    const status = button.closest('section')?.querySelector('.copy-status')
    if (status) status.textContent = button.dataset.copiedLabel ?? ''
  })
}

const chartsSrc = document.body.dataset.chartsSrc
if (chartsSrc && document.querySelector('[data-chart]')) {
  void import(chartsSrc)
}
