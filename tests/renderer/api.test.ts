import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiCallError, call, onRegisterLocked } from '@/api'
import { CORE_STOPPED_MESSAGE } from '@shared/api/core-stopped'
import { removeApi, stubApi } from './helpers'

const lockedError = { kind: 'locked' as const, message: 'The register is locked. Please sign in again.' }

describe('the api module', () => {
  afterEach(() => {
    onRegisterLocked(null)
    removeApi()
  })

  it('throws the core’s error with its kind, message and field', async () => {
    stubApi({ 'users.create': () => ({ error: { kind: 'validation', field: 'username', message: 'That username is in use.' } }) })
    const err = await call('users.create', { username: 'a.b', displayName: 'A B', role: 'office', password: 'x'.repeat(12) }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiCallError)
    expect(err).toMatchObject({ kind: 'validation', field: 'username', message: 'That username is in use.' })
  })

  it('tells one listener when a call finds the register locked', async () => {
    const listener = vi.fn()
    onRegisterLocked(listener)
    stubApi({ 'users.list': () => ({ error: lockedError }) })
    await expect(call('users.list', {})).rejects.toThrow('The register is locked')
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('tells the listener when even the status call finds the records’ process stopped', async () => {
    const listener = vi.fn()
    onRegisterLocked(listener)
    stubApi({ 'app.status': () => ({ error: { kind: 'locked', message: CORE_STOPPED_MESSAGE } }) })
    await expect(call('app.status', {})).rejects.toThrow('closed unexpectedly')
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('does not treat "too many sign-in attempts" as the register locking', async () => {
    const listener = vi.fn()
    onRegisterLocked(listener)
    stubApi({ 'session.login': () => ({ error: { kind: 'locked', message: 'Too many unsuccessful attempts.' } }) })
    await expect(call('session.login', { username: 'a', password: 'b' })).rejects.toThrow('Too many')
    expect(listener).not.toHaveBeenCalled()
  })

  it('gives a plain message when the window cannot reach the core', async () => {
    Object.defineProperty(window, 'api', { configurable: true, value: { 'users.list': () => Promise.reject(new Error('ipc')) } })
    await expect(call('users.list', {})).rejects.toThrow('lost touch with the records')
  })
})
