import { describe, expect, it } from 'vitest'
import { fileSize } from '@/lib/sizes'

describe('file sizes', () => {
  it('writes file sizes as people read them', () => {
    expect(fileSize(512)).toBe('512 bytes')
    expect(fileSize(62_900)).toBe('62.9 KB')
    expect(fileSize(12_400_000)).toBe('12.4 MB')
    expect(fileSize(250_000_000)).toBe('250 MB')
  })
})
