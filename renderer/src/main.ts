import { createApp } from 'vue'
import { createPinia } from 'pinia'
import './styles/global.css'
import App from './app.vue'
import { installGuard, router } from './router'
import { vuetify } from './plugins/vuetify'
import { onRegisterLocked } from './api'
import { followCoreLock, lockReasonOf } from './features/session/lock-register'
import { takeWindowNotice, windowNoticeText } from './lib/window-notice'
import { useAppStatus } from './stores/app-status'
import { watchScrollableTables } from './lib/scrollable-tables'
import { watchDialogFocus } from './lib/dialog-focus-return'

const pinia = createPinia()
// The shell reloaded the window with something to say (a crash, a lock from the File menu).
const noticeKey = takeWindowNotice(window.location, window.history)
if (noticeKey) {
  const { where, message } = windowNoticeText(noticeKey)
  const appStatus = useAppStatus(pinia)
  if (where === 'banner') appStatus.banner = message
  else appStatus.notice = message
}
installGuard(pinia)
// Any call may find the register locked (the core's own idle timer, or the process holding the
// records stopped and took the session with it): one place catches up and says why.
onRegisterLocked((error) => void followCoreLock(router, lockReasonOf(error)))

createApp(App).use(pinia).use(router).use(vuetify).mount('#app')
watchScrollableTables()
watchDialogFocus()
