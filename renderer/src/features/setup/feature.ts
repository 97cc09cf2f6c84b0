import type { Feature } from '@/features/feature-kit'
import SetupWizard from './setup-wizard.vue'

// Loaded with the window, not when first opened: it is the first screen of a new computer.
export const setup: Feature = {
  name: 'setup',
  routes: [{ path: '/setup', name: 'setup', title: 'Set up', component: SetupWizard, stage: 'setup' }],
}
