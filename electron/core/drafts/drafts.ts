import { AppError, invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { decryptText, encryptText, fieldAad, FieldUnreadableError } from '../vault/field-cipher'
import { isRoleKeyName, type RoleKeyName } from '../vault/role-keys'
import { DRAFT_FORMS, SECRET_FIELD, type Draft, type DraftForm } from '../../../shared/domain/drafts'

// A draft belongs to the user who typed it: every query below is kept to the signed-in user's
// id, so nobody, whatever their role, reads or deletes another person's draft. Saving is not
// audited (it happens every few seconds while someone types, and is not a record); the record
// it becomes is.

interface Which {
  form: DraftForm
  recordKey: string
}

const noKey =
  'Your account does not hold the key to the incident log’s contents, so what you type here cannot be kept as a draft. ' +
  'If your role should record incidents, ask the school business manager to open Users and save your role again, then sign out and back in.'

/** The additional data binds a sealed draft to its writer, form and record: moved to another row, it no longer opens. */
const draftAad = (userId: number, w: Which) => fieldAad('drafts', `${userId}/${w.form}/${w.recordKey}`, 'content')

/** The role key a safeguarding draft is sealed with: the safeguarding key if held, else the ICT key (the ICT manager's categories). */
function sealingKey(ctx: FeatureContext): { name: RoleKeyName; key: Buffer } {
  for (const name of ['safeguarding', 'ict'] as const) {
    const key = ctx.store.roleKey(name)
    if (key) return { name, key }
  }
  throw new AppError('forbidden', noKey)
}

export async function getDraft(ctx: FeatureContext, w: Which): Promise<Draft | null> {
  const { db, session } = ctx.store.requireOpen()
  const row = await db('drafts').where({ user_id: session.userId, form: w.form, record_key: w.recordKey }).first('sealed_with', 'content', 'saved_at')
  if (!row) return null
  if (!row.sealed_with) return { content: row.content, savedAt: row.saved_at }
  // A draft whose key the user no longer holds (their role changed), or that was altered on disk,
  // cannot be shown: it is as if there were none, and the next save replaces it.
  const key = isRoleKeyName(row.sealed_with) ? ctx.store.roleKey(row.sealed_with) : null
  if (!key) return null
  try {
    return { content: decryptText(key, draftAad(session.userId, w), row.content), savedAt: row.saved_at }
  } catch (err) {
    if (err instanceof FieldUnreadableError) return null
    throw err
  }
}

/** Whether the draft's JSON has a field named for a password anywhere in it. */
function holdsSecret(content: string): boolean {
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    return false
  }
  const walk = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(walk)
    if (value === null || typeof value !== 'object') return false
    return Object.entries(value).some(([name, inner]) => SECRET_FIELD.test(name) || walk(inner))
  }
  return walk(parsed)
}

export async function saveDraft(ctx: FeatureContext, input: Which & { content: string }): Promise<{ savedAt: string }> {
  // Refused whatever the window sends: a password never rests in the register as typed.
  if (holdsSecret(input.content)) throw invalid('content', 'A draft never keeps a password. Save the form itself, or leave the password out of what is kept.')
  const { db, session } = ctx.store.requireOpen()
  const savedAt = new Date(ctx.now()).toISOString()
  let content = input.content
  let sealedWith: RoleKeyName | null = null
  if (DRAFT_FORMS[input.form].sealed) {
    const { name, key } = sealingKey(ctx)
    content = encryptText(key, draftAad(session.userId, input), input.content)
    sealedWith = name
  }
  await db('drafts')
    .insert({ user_id: session.userId, form: input.form, record_key: input.recordKey, sealed_with: sealedWith, content, saved_at: savedAt })
    .onConflict(['user_id', 'form', 'record_key'])
    .merge(['sealed_with', 'content', 'saved_at'])
  return { savedAt }
}

export async function discardDraft(ctx: FeatureContext, w: Which): Promise<null> {
  const { db, session } = ctx.store.requireOpen()
  await db('drafts').where({ user_id: session.userId, form: w.form, record_key: w.recordKey }).delete()
  return null
}
