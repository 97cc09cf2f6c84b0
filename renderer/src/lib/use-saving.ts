import { readonly, ref } from 'vue'

/**
 * Something a screen or dialog asks the core to do (save, record, revoke): `saving` is true while
 * it runs, so the buttons can show it, and it never runs twice at once — a second press or an
 * Enter in a field while the first is on its way does nothing. The error goes to `onError` (the
 * form's own way of showing it, e.g. `errors.fromCall`); without one, to whoever awaited `run`.
 * `run` answers whether the action ran to its end.
 */
export function useSaving() {
  const saving = ref(false)

  async function run(action: () => Promise<unknown>, onError?: (err: unknown) => void): Promise<boolean> {
    if (saving.value) return false
    saving.value = true
    try {
      await action()
      return true
    } catch (err) {
      if (!onError) throw err
      onError(err)
      return false
    } finally {
      saving.value = false
    }
  }

  return { saving: readonly(saving), run }
}
