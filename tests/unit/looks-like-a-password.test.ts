import { describe, expect, it } from 'vitest'
import { looksLikeAPassword, passwordSign } from '../../shared/domain/looks-like-a-password'

describe('spotting text that looks like a password', () => {
  it.each([
    ['password: xyz', 'labelled'],
    ['Password = kettle', 'labelled'],
    ['pwd=abc', 'labelled'],
    ['pwd=hunter2 for the admin account', 'labelled'],
    ['PIN: 4821', 'labelled'],
    ['the password is Tr0ub4dor', 'labelled'],
    ['Passcode:blue-sky', 'labelled'],
    ['Summer2024!', 'well-known'],
    ['summer2024', 'well-known'],
    ['P@ssw0rd', 'well-known'],
    ['Passw0rd1', 'well-known'],
    ['Welcome123', 'well-known'],
    ['letmein', 'well-known'],
    ['123456', 'well-known'],
    ['qwerty123', 'well-known'],
    ['Login is September2025 for now', 'well-known'],
    ['Xk9$mP2q', 'symbols'],
    ['use Tr0ub4dor&3!', 'symbols'],
    ['Ab3#kd9Lz', 'symbols'],
    ['x7Kp2qLm9Rt4', 'random'],
    ['key a3f9c2e81b7d5c60', 'random'],
    ['xKpQmLrTwZbN', 'random'],
    ['token 4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8', 'random'],
  ])('refuses %j (%s)', (text, sign) => {
    expect(passwordSign(text)).toBe(sign)
  })

  it.each([
    'Kingston DataTraveler 32GB',
    'SanDisk Ultra 64GB',
    'SanDisk64GB',
    'KingstonDT100G3',
    'iPhone15ProMax',
    'Office365',
    'Windows 11 Pro',
    'SIMS admin account',
    'admin',
    'admin1',
    'office_admin2',
    'AA12345678',
    '4C530001230719108453',
    "Seán O'Brien",
    'Kerry-Ann D’Souza',
    'Bronwen Llewellyn-Jones',
    'Mairéad Ní Bhriain',
    'Year 7 – class 7B',
    'Password exemption for Reception: the class uses a shared picture login.',
    'Must keep the password private and never write it down.',
    'Password: none stored here',
    'PIN protected, kept in the safe',
    'admin@rosewood.sch.uk',
    'head2024@rosewood.sch.uk',
    '@therosewoodsch',
    'https://www.facebook.com/therosewoodschool/',
    'Scanned with Sophos Endpoint 2024.3.1',
    'Only for moving coursework between the Art room and home; encrypted with BitLocker.',
    'Mr J. Patel (Headteacher), 12/09/2025',
    'Summer term 2026',
    'MAC 00:1A:2B:3C:4D:5E',
    'Room #12',
  ])('lets %j through', (text) => {
    expect(passwordSign(text)).toBeNull()
  })

  it('lets a random-looking serial number through where one is expected, but not a well-known password', () => {
    expect(looksLikeAPassword('x7Kp2qLm9Rt4', { randomAllowed: true })).toBe(false)
    expect(looksLikeAPassword('0718BF2A39C4D5E6F7A8', { randomAllowed: true })).toBe(false)
    expect(looksLikeAPassword('123456789', { randomAllowed: true })).toBe(false)
    expect(looksLikeAPassword('Password123', { randomAllowed: true })).toBe(true)
    expect(looksLikeAPassword('x7Kp2qLm9Rt4')).toBe(true)
  })
})
