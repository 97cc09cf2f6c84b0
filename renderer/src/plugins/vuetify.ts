import 'vuetify/styles'
import { createVuetify } from 'vuetify'
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg'
import { en } from 'vuetify/locale'

/** A calm, high-contrast theme (text on surfaces meets WCAG 2.2 AA). Icons are bundled SVG paths: no network. */
export const vuetify = createVuetify({
  locale: { locale: 'en', messages: { en } },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    defaultTheme: 'register',
    themes: {
      register: {
        dark: false,
        colors: {
          background: '#f6f7fb',
          surface: '#ffffff',
          primary: '#1d4e89',
          secondary: '#3d5a80',
          error: '#b3261e',
          warning: '#8a5300',
          success: '#1e6b3a',
          info: '#1d4e89',
        },
        // Vuetify's default 0.6 leaves secondary text below WCAG AA contrast.
        variables: { 'medium-emphasis-opacity': 0.78, 'disabled-opacity': 0.6 },
      },
    },
  },
  defaults: {
    VBtn: { rounded: 'lg' },
    VCard: { rounded: 'lg' },
    VTextField: { variant: 'outlined', density: 'comfortable' },
  },
})
