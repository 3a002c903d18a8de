import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createConsoleRouter } from './router'
import { i18n } from './i18n'
import { ensureApi } from './bridge/socket-bridge'
import './styles.css'
import './moderation.css'

function showStartupError(message: string): void {
  const box = document.createElement('div')
  box.className = 'startup-error'
  box.setAttribute('role', 'alert')
  box.textContent = message
  document.getElementById('app')?.replaceChildren(box)
}

ensureApi()
  .then(() => {
    createApp(App).use(createPinia()).use(createConsoleRouter()).use(i18n).mount('#app')
  })
  .catch((error: unknown) => showStartupError(error instanceof Error ? error.message : String(error)))
