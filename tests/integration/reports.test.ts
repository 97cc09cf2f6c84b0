import { execFileSync } from 'node:child_process'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import forge from 'node-forge'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { createCore } from '../../electron/core/core'
import { workerRenderer } from '../../electron/core/reports/pdf/pdf-renderer'
import { seedPeopleDemo } from '../../electron/core/people/demo-people'
import { demoSignaturePng } from '../../electron/core/people/demo-signature'
import { FAST_KDF, MANAGER, newCore, ok, refused, SCHOOL, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdfsigUnsigned, pdftotext, qpdfCheck } from './pdf-tools'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function fresh(make: (dir: string) => Core = newCore): { core: Core; dir: string } {
  const t = tempDir()
  const core = make(t.dir)
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

/** Starts a report, waits for it, saves it, and returns the file with its register entry. */
function issue(core: Core, input: { type: 'users-and-roles' | 'audit-trail' | 'aup-status' | 'visitor-log' | 'roll-call'; from?: string; to?: string; anonymised?: boolean; password?: string }, folder: string) {
  return issueReport(core, input, folder)
}

const PEOPLE = [
  { username: 'sion', displayName: 'Siôn Ŵyn', role: 'dsl' as const },
  { username: 'lukasz', displayName: 'Łukasz Wiśniewski', role: 'ict' as const },
  { username: 'yaroslava', displayName: 'Ярослава Коваль', role: 'head' as const },
  { username: 'oconnor', displayName: 'Aoife O’Connor', role: 'office' as const },
]

async function withPeople(core: Core) {
  await setUpSchool(core)
  for (const p of PEOPLE) await ok(core, 'users.create', { ...p, password: 'first given password here' })
}

describe('signed reports', () => {
  it('issues a users report that pdfsig verifies, qpdf accepts, and that shows every name', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { file, report } = await issue(core, { type: 'users-and-roles' }, dir)
    expect(report).toMatchObject({ type: 'users-and-roles', pageCount: 1, anonymised: false })
    expect(report.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'))

    const sig = pdfsig(file)
    expect(sig).toContain('Signature is Valid.')
    expect(sig).toContain(`${SCHOOL.name} – reports`)
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (const p of [...PEOPLE.map((x) => x.displayName), MANAGER.displayName]) expect(text).toContain(p)
    expect(text).toContain('OFFICIAL-SENSITIVE')
    expect(text).toMatch(/Page 1 of 1/)
    expect(text).toContain(SCHOOL.name)
    expect(text).toMatch(new RegExp(`Register number Report ${report.number} in the school’s report register`))

    const register = await ok(core, 'reports.register', { offset: 0, limit: 10 })
    expect(register.rows[0]).toMatchObject({ id: report.id, sha256: report.sha256 })
  })

  it('sorts the report register by the core, by issue, report, maker or pages, keeping its paging', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const today = new Date().toISOString().slice(0, 10)
    const users = await issue(core, { type: 'users-and-roles' }, dir)
    const trail = await issue(core, { type: 'audit-trail', from: '2020-01-01', to: today }, dir)
    const roll = await issue(core, { type: 'roll-call' }, dir)
    const ids = async (sort?: { key: 'producedAt' | 'title' | 'producedBy' | 'pageCount'; order: 'asc' | 'desc' }, offset = 0, limit = 10) =>
      (await ok(core, 'reports.register', { ...(sort ? { sort } : {}), offset, limit })).rows.map((r) => r.id)
    expect(await ids()).toEqual([roll.report.id, trail.report.id, users.report.id])
    expect(await ids({ key: 'producedAt', order: 'asc' })).toEqual([users.report.id, trail.report.id, roll.report.id])
    // Audit trail, Fire roll call, Users and roles: A to Z, a page of two and then the rest.
    const byTitle = { key: 'title', order: 'asc' } as const
    expect([...(await ids(byTitle, 0, 2)), ...(await ids(byTitle, 2, 2))]).toEqual([trail.report.id, roll.report.id, users.report.id])
    expect(await refused(core, 'reports.register', { sort: { key: 'sha256', order: 'asc' }, offset: 0, limit: 5 })).toMatchObject({ kind: 'validation' })
  })

  it('says "Digest Mismatch" and "altered" once one byte changes, and "genuine" before', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { file } = await issue(core, { type: 'users-and-roles' }, dir)
    const bytes = readFileSync(file)
    const genuine = await ok(core, 'reports.verify', { fileBase64: bytes.toString('base64') })
    expect(genuine).toMatchObject({ verdict: 'genuine', signatureIntact: true, signedByThisSchool: true })
    expect(genuine.message).toMatch(/Genuine and unaltered/)

    const altered = Buffer.from(bytes)
    const at = altered.indexOf('/Producer') + 12
    altered.writeUInt8(altered.readUInt8(at) ^ 0x01, at)
    const alteredFile = join(dir, 'altered.pdf')
    writeFileSync(alteredFile, altered)
    expect(pdfsig(alteredFile)).toContain('Digest Mismatch.')
    const verdict = await ok(core, 'reports.verify', { fileBase64: altered.toString('base64') })
    expect(verdict).toMatchObject({ verdict: 'altered', signatureIntact: false })

    const appended = await ok(core, 'reports.verify', { fileBase64: Buffer.concat([bytes, Buffer.from('\n% added later\n')]).toString('base64') })
    expect(appended.verdict).toBe('altered')
    expect((await ok(core, 'reports.verify', { fileBase64: Buffer.from('hello').toString('base64') })).verdict).toBe('not-a-pdf')
  })

  it('prints every audit row of a period, including one longer than a page', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const longDetail = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ')
    await core.store.audit({ action: 'test.long', detail: longDetail })
    for (let i = 0; i < 120; i++) await core.store.audit({ action: 'test.row', target: `row-${i}`, detail: `Siôn Ŵyn, Łukasz, Ярослава ${i}` })
    const today = new Date().toISOString().slice(0, 10)
    const { file, report } = await issue(core, { type: 'audit-trail', from: today, to: today }, dir)
    expect(report.pageCount).toBeGreaterThan(3)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (let i = 0; i < 120; i++) expect(text).toContain(`row-${i}`)
    expect(text).toContain('word0')
    expect(text).toContain('word899')
    expect(text).toContain('Ярослава 119')
  }, 60_000)

  it('anonymises names consistently for reports that leave the school', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { file, report } = await issue(core, { type: 'users-and-roles', anonymised: true }, dir)
    expect(report.anonymised).toBe(true)
    const text = pdftotext(file)
    for (const p of PEOPLE) expect(text).not.toContain(p.displayName)
    // Users are named by their role, the producer too (in the footer and the signature block).
    for (const role of ['the DSL', 'the ICT manager', 'the headteacher', 'a member of the office staff']) expect(text).toContain(role)
    expect(text).toContain('Produced by the business manager')
    expect(text).not.toContain(MANAGER.displayName)
    expect(text).toMatch(/anonymised copy: people are named by who they are/)
  })

  it('password-protects a report on request, still signed', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { file, report } = await issue(core, { type: 'users-and-roles', password: 'governors-2026' }, dir)
    expect(report.passwordProtected).toBe(true)
    expect(() => pdftotext(file)).toThrow()
    expect(execFileSync('pdfinfo', ['-upw', 'governors-2026', file], { encoding: 'utf8' })).toMatch(/Encrypted:\s+yes .*AES-256/)
    expect(pdfsig(file, 'governors-2026')).toContain('Signature is Valid.')
    expect(pdftotext(file, 'governors-2026')).toContain('Siôn Ŵyn')
    expect(qpdfCheck(file, 'governors-2026')).toMatch(/No syntax or stream encoding errors/)
    expect((await ok(core, 'reports.verify', { fileBase64: readFileSync(file).toString('base64') })).verdict).toBe('genuine')
  })

  it('lays out and signs in a worker thread, reporting progress', async () => {
    const worker = resolve(__dirname, '../../electron/core/reports/pdf/render-worker.ts')
    const { core, dir } = fresh((d) =>
      createCore({ dataDir: d, appVersion: '0.0.0-test', kdfCost: FAST_KDF, logger: { error: () => {} }, pdfRenderer: workerRenderer(worker, ['--import', 'tsx']) }),
    )
    await withPeople(core)
    for (let i = 0; i < 400; i++) await core.store.audit({ action: 'test.row', target: `row-${i}` })
    const today = new Date().toISOString().slice(0, 10)
    const { file, progress } = await issue(core, { type: 'audit-trail', from: today, to: today }, dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true)
  }, 60_000)

  it('signs with the school’s own imported certificate', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { p12, passphrase } = makeP12('Ysgol Y Ddôl – Headteacher')
    const wrong = await refused(core, 'certificate.import', { fileBase64: p12.toString('base64'), passphrase: 'nope' })
    expect(wrong).toMatchObject({ kind: 'validation', field: 'passphrase' })
    const cert = await ok(core, 'certificate.import', { fileBase64: p12.toString('base64'), passphrase })
    expect(cert).toMatchObject({ holder: 'Ysgol Y Ddôl – Headteacher', source: 'imported', expiresSoon: false })
    const { file } = await issue(core, { type: 'users-and-roles' }, dir)
    const sig = pdfsig(file)
    expect(sig).toContain('Signature is Valid.')
    expect(sig).toContain('Ysgol Y Ddôl – Headteacher')
  })

  it('verifies a report signed with a certificate file that carries its chain, CA first: the school is the signer', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    const { p12, passphrase, caSerial } = makeChainP12('Ysgol Y Ddôl – Headteacher', 'Awdurdod Addysg – Certificate Authority')
    // The file really does hold the CA's certificate first.
    const bags = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase).getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!
    expect(bags.map((b) => b.cert!.serialNumber)).toEqual([caSerial, '0b2c3d'])
    const cert = await ok(core, 'certificate.import', { fileBase64: p12.toString('base64'), passphrase })
    expect(cert).toMatchObject({ holder: 'Ysgol Y Ddôl – Headteacher', organisation: 'Ysgol Y Ddôl', source: 'imported' })

    const { file } = await issue(core, { type: 'users-and-roles' }, dir)
    // The CA's name has a dash: the signature must still name its issuer as the certificate does.
    const sig = pdfsig(file)
    expect(sig).toContain('Signature is Valid.')
    expect(sig).toContain('Signer Certificate Common Name: Ysgol Y Ddôl – Headteacher')
    const bytes = readFileSync(file)
    const verdict = await ok(core, 'reports.verify', { fileBase64: bytes.toString('base64') })
    expect(verdict).toMatchObject({ verdict: 'genuine', signatureIntact: true, coversWholeFile: true, signedByThisSchool: true })
    expect(verdict.signedBy).toMatchObject({ holder: 'Ysgol Y Ddôl – Headteacher', organisation: 'Ysgol Y Ddôl', fingerprint: cert.fingerprint })

    const altered = Buffer.from(bytes)
    const at = altered.indexOf('/Producer') + 12
    altered.writeUInt8(altered.readUInt8(at) ^ 0x01, at)
    const alteredFile = join(dir, 'altered-chain.pdf')
    writeFileSync(alteredFile, altered)
    expect(pdfsig(alteredFile)).toContain('Digest Mismatch.')
    expect(await ok(core, 'reports.verify', { fileBase64: altered.toString('base64') })).toMatchObject({ verdict: 'altered', signatureIntact: false })
  })

  it('refuses a report to a role that may not have it, and an upside-down period', async () => {
    const { core } = fresh()
    await withPeople(core)
    expect(await refused(core, 'reports.start', { type: 'audit-trail', from: '2026-02-01', to: '2026-01-01', anonymised: false })).toMatchObject({ kind: 'validation', field: 'to' })
    expect(await refused(core, 'reports.start', { type: 'audit-trail', anonymised: false })).toMatchObject({ kind: 'validation', field: 'from' })
    await ok(core, 'users.resetPassword', { id: (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'sion')!.id, newPassword: 'copper meadow sleepy anchor' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'sion', password: 'copper meadow sleepy anchor' })
    expect(await refused(core, 'reports.start', { type: 'users-and-roles', anonymised: false })).toMatchObject({ kind: 'forbidden' })
  })
})

/** An RSA key pair from Node (forge's own generation takes seconds), in forge's types. */
function forgeKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  }
}

/** A CA and the school's certificate signed by it, in one PKCS#12 with the CA's certificate first (as some issuers export). */
function makeChainP12(commonName: string, caName: string): { p12: Buffer; passphrase: string; caSerial: string } {
  // UTF8String: forge encodes the value itself when told the tag.
  const utf8 = (v: string) => ({ valueTagClass: forge.asn1.Type.UTF8 as number, value: v })
  const caKeys = forgeKeys()
  const ca = forge.pki.createCertificate()
  ca.publicKey = caKeys.publicKey
  ca.serialNumber = '01a2b3'
  ca.validity.notBefore = new Date(Date.now() - 86_400_000)
  ca.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000)
  const caAttrs = [{ name: 'commonName', ...utf8(caName) }, { name: 'organizationName', ...utf8('Awdurdod Addysg') }]
  ca.setSubject(caAttrs)
  ca.setIssuer(caAttrs)
  ca.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }])
  ca.sign(caKeys.privateKey, forge.md.sha256.create())

  const keys = forgeKeys()
  const leaf = forge.pki.createCertificate()
  leaf.publicKey = keys.publicKey
  leaf.serialNumber = '0b2c3d'
  leaf.validity.notBefore = new Date(Date.now() - 86_400_000)
  leaf.validity.notAfter = new Date(Date.now() + 2 * 365 * 86_400_000)
  leaf.setSubject([{ name: 'commonName', ...utf8(commonName) }, { name: 'organizationName', ...utf8('Ysgol Y Ddôl') }])
  leaf.setIssuer(caAttrs)
  leaf.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }])
  leaf.sign(caKeys.privateKey, forge.md.sha256.create())

  const passphrase = 'chain-cert-pass'
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [ca, leaf], passphrase, { algorithm: '3des' })
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase, caSerial: ca.serialNumber }
}

function makeP12(commonName: string): { p12: Buffer; passphrase: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048)
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = '0a1b2c'
  cert.validity.notBefore = new Date(Date.now() - 86_400_000)
  cert.validity.notAfter = new Date(Date.now() + 2 * 365 * 86_400_000)
  const attrs = [{ name: 'commonName', value: forge.util.encodeUtf8(commonName) }, { name: 'organizationName', value: 'Ysgol Y Ddol' }]
  cert.setSubject(attrs)
  cert.setIssuer(attrs)
  cert.sign(keys.privateKey, forge.md.sha256.create())
  const passphrase = 'school-cert-pass'
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: '3des' })
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase }
}

describe('reports on people and visits', () => {
  it('prints the AUP status and the visitor log signed, and a roll call that reception may make, unsigned but in the register', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    await seedPeopleDemo(core.store, 'small')
    const today = new Date().toISOString().slice(0, 10)

    const status = await issue(core, { type: 'aup-status' }, dir)
    expect(pdfsig(status.file)).toContain('Signature is Valid.')
    const statusText = pdftotext(status.file)
    expect(statusText).toMatch(/Coverage of the current agreements: \d+ of \d+ people/)
    expect(statusText).toContain('Pupils by year group')
    expect(statusText).toContain('Still to agree')
    // The small demo school is a primary: its agreements are for Reception to Year 6 and adults only.
    expect(statusText).toContain('Pupils in Reception to Year 2')
    expect(statusText).not.toContain('Years 7 to 13')

    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const log = await issue(core, { type: 'visitor-log', from: yearAgo, to: today }, dir)
    expect(pdfsig(log.file)).toContain('Signature is Valid.')
    expect(pdftotext(log.file)).toMatch(/\d+ visits? in the period/)

    // Reception signs a visitor in, then prints the roll call: the only report its role may make.
    const visitor = await ok(core, 'visitors.register', { forename: 'Zoë', surname: 'O’Brien', organisation: 'Fire safety checks Ltd', dbs: { status: 'not-needed' } })
    await ok(core, 'visits.signIn', { personId: visitor.id, purpose: 'Fire alarm service', hostName: 'Site manager', usesIct: false })
    await ok(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: 'first given password here' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: 'first given password here' })
    await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: 'copper meadow sleepy anchor' })
    expect(await refused(core, 'reports.start', { type: 'visitor-log', from: today, to: today, anonymised: false })).toMatchObject({ kind: 'forbidden' })
    // Reception does not hold the key to the school's certificate: the roll call is not signed,
    // says so, and is recognised from the report register.
    const roll = await issue(core, { type: 'roll-call' }, dir)
    expect(pdfsigUnsigned(roll.file)).toMatch(/does not contain any signatures/)
    const rollText = pdftotext(roll.file)
    expect(rollText).toContain('Not digitally signed')
    expect(rollText).toMatch(/Only the business manager and the headteacher hold the school’s signing certificate/)
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const checked = await ok(core, 'reports.verify', { fileBase64: readFileSync(roll.file).toString('base64') })
    expect(checked).toMatchObject({ verdict: 'not-signed', registerEntry: { type: 'roll-call', producedBy: 'Rhian Office (Office staff (reception))' } })
    expect(checked.message).toMatch(/This exact file is in the report register, unchanged/)
    expect(rollText).toContain('Zoë O’Brien')
    expect(rollText).toContain('Present')
  }, 120_000)
})

describe('the school logo in the report header', () => {
  it('prints on every page once set, is refused when it is not an image, and can be removed', async () => {
    const { core, dir } = fresh()
    await withPeople(core)
    expect(await refused(core, 'school.setLogo', { imageBase64: Buffer.from('not an image').toString('base64') })).toMatchObject({ kind: 'validation', field: 'imageBase64' })
    const png = demoSignaturePng(7, 240, 80)
    const set = await ok(core, 'school.setLogo', { imageBase64: png.toString('base64') })
    expect(set.dataUrl).toMatch(/^data:image\/png;base64,/)
    const today = new Date().toISOString().slice(0, 10)
    for (let i = 0; i < 80; i++) await core.store.audit({ action: 'test.row', target: `row-${i}` })
    const { file, report } = await issue(core, { type: 'audit-trail', from: today, to: today }, dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    // One logo per page (a PNG with transparency also lists its soft mask, an "smask" row).
    const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)
    const images = rows.filter((r) => r.trim().split(/\s+/)[2] === 'image')
    expect(images.map((r) => Number(r.trim().split(/\s+/)[0]))).toEqual(Array.from({ length: report.pageCount }, (_, i) => i + 1))
    expect(await ok(core, 'school.setLogo', { imageBase64: null })).toEqual({ dataUrl: null })
    expect(await ok(core, 'school.logo', {})).toEqual({ dataUrl: null })
  }, 60_000)
})
