import { createApp } from 'vue'
import { createPinia } from 'pinia'
import './styles/global.css'
import App from './app.vue'
import { installGuard, router } from './router'
import { vuetify } from './plugins/vuetify'
import { onRegisterLocked } from './api'
import { followCoreLock } from './features/session/lock-register'

const pinia = createPinia()
installGuard(pinia)
// Any call may find the register locked by the core's own idle timer: one place catches up.
onRegisterLocked(() => void followCoreLock(router))

createApp(App).use(pinia).use(router).use(vuetify).mount('#app')
