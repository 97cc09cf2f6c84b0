import { createRouter, createWebHashHistory } from 'vue-router'
import HomeScreen from '@/features/home/home-screen.vue'

// Hash history: the UI is served from app://ui/index.html, where path-based history cannot resolve.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeScreen, meta: { title: 'Home' } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · Online Safety Register` : 'Online Safety Register'
})
