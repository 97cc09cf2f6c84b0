import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { contextMenuTemplate, type ContextParams } from '../../electron/main/context-menu'

const noFlags = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: false, canDelete: false, canSelectAll: false, canEditRichly: false }

function params(over: Partial<ContextParams>): ContextParams {
  return { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], spellcheckEnabled: false, editFlags: noFlags, formControlType: 'none', ...over }
}

function actions() {
  return { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() }
}

const labelled = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => [i.label, i.enabled ?? true])

describe('the right-click menu', () => {
  it('in a text field: undo, cut, copy, paste and select all, each enabled only when it can act', () => {
    const items = contextMenuTemplate(
      params({ isEditable: true, formControlType: 'text-area', editFlags: { ...noFlags, canPaste: true, canSelectAll: true } }),
      actions(),
    )
    expect(labelled(items)).toEqual([
      ['Undo', false],
      ['Cut', false],
      ['Copy', false],
      ['Paste', true],
      ['Select all', true],
    ])
    expect(items.map((i) => i.role).filter(Boolean)).toEqual(['undo', 'cut', 'copy', 'paste', 'selectAll'])
  })

  it('with text selected in a field, cut and copy are enabled', () => {
    const items = contextMenuTemplate(
      params({ isEditable: true, selectionText: 'Year 9', formControlType: 'input-text', editFlags: { ...noFlags, canCut: true, canCopy: true, canUndo: true } }),
      actions(),
    )
    expect(labelled(items)).toContainEqual(['Cut', true])
    expect(labelled(items)).toContainEqual(['Copy', true])
    expect(labelled(items)).toContainEqual(['Undo', true])
  })

  it('never cuts or copies a password', () => {
    const items = contextMenuTemplate(
      params({ isEditable: true, selectionText: 'secret', formControlType: 'input-password', editFlags: { ...noFlags, canCut: true, canCopy: true, canPaste: true } }),
      actions(),
    )
    expect(labelled(items)).toContainEqual(['Cut', false])
    expect(labelled(items)).toContainEqual(['Copy', false])
    expect(labelled(items)).toContainEqual(['Paste', true])
  })

  it('on selected text outside a field: copy only', () => {
    const items = contextMenuTemplate(params({ selectionText: 'Incident 12', editFlags: { ...noFlags, canCopy: true } }), actions())
    expect(items).toEqual([{ role: 'copy', label: 'Copy', enabled: true }])
  })

  it('nowhere in particular: no menu', () => {
    expect(contextMenuTemplate(params({ selectionText: '   ' }), actions())).toEqual([])
  })

  it('on a misspelt word: up to five suggestions first, each replacing the word, then add to dictionary', () => {
    const acts = actions()
    const items = contextMenuTemplate(
      params({
        isEditable: true,
        spellcheckEnabled: true,
        misspelledWord: 'recieved',
        dictionarySuggestions: ['received', 'relieved', 'receive', 'reviewed', 'recited', 'recede'],
        editFlags: { ...noFlags, canPaste: true },
      }),
      acts,
    )
    expect(items.slice(0, 5).map((i) => i.label)).toEqual(['received', 'relieved', 'receive', 'reviewed', 'recited'])
    ;(items[0]!.click as () => void)()
    expect(acts.replaceMisspelling).toHaveBeenCalledWith('received')
    const add = items.find((i) => i.label === 'Add to dictionary')!
    ;(add.click as () => void)()
    expect(acts.addToDictionary).toHaveBeenCalledWith('recieved')
    expect(items.map((i) => i.label)).toContain('Paste')
  })

  it('a misspelt word with no suggestions says so', () => {
    const items = contextMenuTemplate(params({ isEditable: true, spellcheckEnabled: true, misspelledWord: 'Ffion', editFlags: noFlags }), actions())
    expect(items[0]).toEqual({ label: 'No spelling suggestions', enabled: false })
  })

  it('no suggestions when the spellchecker is off', () => {
    const items = contextMenuTemplate(params({ isEditable: true, spellcheckEnabled: false, misspelledWord: 'recieved', dictionarySuggestions: ['received'], editFlags: noFlags }), actions())
    expect(items.map((i) => i.label)).not.toContain('received')
  })
})
