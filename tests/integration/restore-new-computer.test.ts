import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { restoreOntoNewComputer } from '../../electron/core/backup/restore-new-computer'
import type { Core } from '../../electron/core/core'
import { MANAGER, newCore, ok, refused, SCHOOL, setUpSchool, tempDir } from './helpers'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function folder(): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

function coreIn(dir: string): Core {
  const core = newCore(dir)
  cleanups.push(() => core.close())
  return core
}

const DSL = { username: 'dsl', displayName: 'Siân Ŵyn', role: 'dsl' as const, password: 'first given password here' }

/** A school with a second user and a backup on "the USB stick"; the old computer is then gone. */
async function schoolWithBackup(): Promise<{ file: string; recoveryKey: string; core: Core }> {
  const core = coreIn(folder())
  const recoveryKey = await setUpSchool(core)
  await ok(core, 'users.create', DSL)
  const usb = folder()
  const { file } = await ok(core, 'backup.now', { folder: usb })
  return { file, recoveryKey, core }
}

/** What the data folder holds, apart from logs. */
function contents(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== 'logs').sort() : []
}

describe('restoring onto a new computer from a backup alone', () => {
  it('opens the backup’s vault with a password of the time, checks the database, and places it; the register then opens there', async () => {
    const { file } = await schoolWithBackup()
    const fresh = join(folder(), 'new-computer', 'data') // not even created yet

    const restored = await restoreOntoNewComputer({ dataDir: fresh, file, unlock: { username: 'BManager', password: MANAGER.password } })
    expect(restored).toMatchObject({ schoolName: SCHOOL.name, sameSchool: true, records: { users: 2 }, openedBy: { username: 'bmanager' } })
    expect(contents(fresh)).toEqual(['register.db', 'vault.json'])

    const core = coreIn(fresh)
    expect((await ok(core, 'app.status', {})).setUp).toBe(true)
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect((await ok(core, 'users.list', {})).rows.map((u) => u.username).sort()).toEqual(['bmanager', 'dsl'])
    const trail = await ok(core, 'audit.list', { text: 'backup.restore', offset: 0, limit: 5 })
    expect(trail.rows).toHaveLength(1)
    expect(trail.rows[0]).toMatchObject({ username: 'bmanager', action: 'backup.restore' })
    expect(trail.rows[0]!.detail).toMatch(/new computer/)
    expect((await ok(core, 'audit.verify', {})).ok).toBe(true)
    // Other users keep the password they had: their slots came with the backup.
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'dsl', password: DSL.password })
  })

  it('opens with the recovery key of the time; then the recovery key sets a new password there', async () => {
    const { file, recoveryKey } = await schoolWithBackup()
    const fresh = folder()
    const restored = await restoreOntoNewComputer({ dataDir: fresh, file, unlock: { recoveryKey: recoveryKey.toLowerCase() } })
    expect(restored.openedBy).toBeNull()

    const core = coreIn(fresh)
    await ok(core, 'session.recover', { recoveryKey, username: 'bmanager', newPassword: 'lantern maple orbit quietly' })
    const trail = await ok(core, 'audit.list', { text: 'backup.restore', offset: 0, limit: 5 })
    expect(trail.rows[0]).toMatchObject({ username: null, action: 'backup.restore' })
    expect(trail.rows[0]!.detail).toMatch(/recovery key/)
  })

  it('refuses a wrong password, an unknown user and a wrong recovery key, and places nothing', async () => {
    const { file } = await schoolWithBackup()
    const fresh = folder()
    await expect(restoreOntoNewComputer({ dataDir: fresh, file, unlock: { username: 'bmanager', password: 'not the password at all' } })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/do not open this backup/),
    })
    await expect(restoreOntoNewComputer({ dataDir: fresh, file, unlock: { username: 'nobody', password: MANAGER.password } })).rejects.toMatchObject({
      kind: 'validation',
    })
    await expect(
      restoreOntoNewComputer({ dataDir: fresh, file, unlock: { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' } }),
    ).rejects.toMatchObject({ kind: 'validation', field: 'recoveryKey' })
    expect(contents(fresh)).toEqual([])
  })

  it('refuses a damaged backup (before trying any key) and leaves the folder empty', async () => {
    const { file } = await schoolWithBackup()
    const bytes = readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100)
    const damaged = join(folder(), 'damaged.osrbackup')
    writeFileSync(damaged, bytes)
    const fresh = folder()
    await expect(restoreOntoNewComputer({ dataDir: fresh, file: damaged, unlock: { username: 'bmanager', password: MANAGER.password } })).rejects.toThrow(
      /damaged or incomplete/,
    )
    expect(contents(fresh)).toEqual([])
  })

  it('refuses a folder that already holds a register, and changes nothing there', async () => {
    const { file } = await schoolWithBackup()
    const other = folder()
    const otherCore = coreIn(other)
    await setUpSchool(otherCore)
    await otherCore.close()
    const vaultBefore = readFileSync(join(other, 'vault.json'), 'utf8')
    await expect(restoreOntoNewComputer({ dataDir: other, file, unlock: { username: 'bmanager', password: MANAGER.password } })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/already holds a school’s register/),
    })
    expect(readFileSync(join(other, 'vault.json'), 'utf8')).toBe(vaultBefore)
  })

  it('finishes over a half-done set-up, as set-up itself would', async () => {
    const { file } = await schoolWithBackup()
    const fresh = folder()
    writeFileSync(join(fresh, 'register.db'), 'half made')
    writeFileSync(join(fresh, 'setup-in-progress'), 'x')
    await restoreOntoNewComputer({ dataDir: fresh, file, unlock: { username: 'bmanager', password: MANAGER.password } })
    expect(contents(fresh)).toEqual(['register.db', 'vault.json'])
    const core = coreIn(fresh)
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
  })

  it('after a key rotation: a user whose slot is still sealed opens the backup with their password, and the slot is settled', async () => {
    const { core } = await schoolWithBackup()
    await ok(core, 'vault.rotateKey', { password: MANAGER.password })
    const { file } = await ok(core, 'backup.now', { folder: folder() })
    const fresh = folder()
    const restored = await restoreOntoNewComputer({ dataDir: fresh, file, unlock: { username: 'dsl', password: DSL.password } })
    expect(restored.openedBy).toEqual({ username: 'dsl', displayName: DSL.displayName })
    const vault = JSON.parse(readFileSync(join(fresh, 'vault.json'), 'utf8')) as { slots: { userId?: number; wrap?: unknown; sealed?: unknown }[] }
    const dslSlot = vault.slots.find((s) => s.userId === 2)!
    expect(dslSlot.wrap).toBeDefined()
    expect(dslSlot.sealed).toBeUndefined()
    const there = coreIn(fresh)
    await ok(there, 'session.login', { username: 'dsl', password: DSL.password })
    expect((await refused(there, 'users.list', {})).kind).toBe('forbidden')
  })

  it('a disabled account cannot open a backup', async () => {
    const { core } = await schoolWithBackup()
    const dsl = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'dsl')!
    await ok(core, 'users.setDisabled', { id: dsl.id, disabled: true })
    const { file } = await ok(core, 'backup.now', { folder: folder() })
    await expect(restoreOntoNewComputer({ dataDir: folder(), file, unlock: { username: 'dsl', password: DSL.password } })).rejects.toMatchObject({
      kind: 'forbidden',
    })
  })
})
