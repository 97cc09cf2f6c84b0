import type { Feature } from '@/features/feature-kit'
import LoginScreen from './login-screen.vue'

// Loaded with the window, not when first opened: signing in is the first thing every day.
export const session: Feature = {
  name: 'session',
  routes: [{ path: '/login', name: 'login', title: 'Sign in', component: LoginScreen, stage: 'sign-in' }],
}
