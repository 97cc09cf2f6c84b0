import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'

/** The part of Electron's `context-menu` event parameters the menu is built from. */
export type ContextParams = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'spellcheckEnabled' | 'editFlags' | 'formControlType'>

export type ContextActions = {
  replaceMisspelling(word: string): void
  addToDictionary(word: string): void
}

/** Enough choices to be useful without burying Cut and Paste (Word shows about as many). */
const MAX_SUGGESTIONS = 5

/**
 * The right-click menu, as in any Windows program: in a text field Undo, Cut, Copy, Paste and
 * Select all (each only when it can act); on selected text Copy; on a misspelt word the
 * spellchecker's suggestions first. An empty list means no menu.
 */
export function contextMenuTemplate(params: ContextParams, actions: ContextActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  const flags = params.editFlags
  const hasSelection = params.selectionText.trim().length > 0

  if (params.isEditable && params.spellcheckEnabled && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false })
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) })
    }
    const word = params.misspelledWord
    items.push({ label: 'Add to dictionary', click: () => actions.addToDictionary(word) }, { type: 'separator' })
  }

  if (params.isEditable) {
    // A password never leaves its field through the menu (Chromium also refuses to copy it).
    const password = params.formControlType === 'input-password'
    items.push(
      { role: 'undo', label: 'Undo', enabled: flags.canUndo },
      { type: 'separator' },
      { role: 'cut', label: 'Cut', enabled: flags.canCut && !password },
      { role: 'copy', label: 'Copy', enabled: flags.canCopy && !password },
      { role: 'paste', label: 'Paste', enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: 'Select all', enabled: flags.canSelectAll },
    )
    return items
  }

  if (hasSelection) items.push({ role: 'copy', label: 'Copy', enabled: flags.canCopy })
  return items
}
