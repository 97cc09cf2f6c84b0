import { execFileSync, spawnSync } from 'node:child_process'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { signingCertificateV2 } from '../../electron/core/reports/signing/signing-certificate-v2'
import { checkPdfSignature } from '../../electron/core/reports/signing/verify-signature'
import { MANAGER, newCore, ok, refused, SCHOOL, tempDir } from './helpers'
import { issueReport, pdftotext } from './pdf-tools'
import { openCertificate } from '../../electron/core/reports/signing/certificate-store'

/** The certificate as the app keeps it, opened with the reports key (which the business manager's session holds). */
async function storedCertificate(core: Core): Promise<{ p12: Buffer; passphrase: string }> {
  const row = (await core.store.requireOpen().db('signing_certificates').whereNull('retired_at').first()) as Parameters<typeof openCertificate>[1]
  return openCertificate(core.store.roleKey('reports')!, row)
}

// PAdES B-B as readers outside the school see it: every claim is checked with poppler's pdfsig,
// openssl, qpdf and Python's `cryptography` (Debian's python3-cryptography), never with the app's
// own parser.

const ISSUED = Date.parse('2026-11-24T10:00:00Z')
const WELSH_SCHOOL = { ...SCHOOL, name: 'Ysgol Gŵyr' }

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

/** A register for a Welsh school whose clock the test holds. */
async function welshSchool(): Promise<{ core: Core; dir: string; clock: { now: number } }> {
  const t = tempDir('osr-pades-')
  const clock = { now: ISSUED }
  const core = newCore(t.dir, { now: () => clock.now })
  cleanups.push(t.cleanup, () => core.close())
  await ok(core, 'setup.create', { school: WELSH_SCHOOL, manager: MANAGER })
  return { core, dir: t.dir, clock }
}

const run = (cmd: string, args: string[], input?: Buffer) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' }, ...(input ? { input } : {}) })

/** What the last signature covers and the CMS it carries, cut out by its /ByteRange as a reader does. */
function signatureOf(pdf: Buffer): { cms: Buffer; signed: Buffer; contents: [number, number] } {
  const text = pdf.toString('latin1')
  const ranges = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/g)]
  const [a, b, c, d] = ranges.at(-1)!.slice(1, 5).map(Number) as [number, number, number, number]
  const hex = text.slice(b + 1, c - 1)
  // The DER's own length says where the CMS ends; the rest of /Contents is zero padding.
  const der = Buffer.from(hex, 'hex')
  const asn1 = (forge.asn1.fromDer as unknown as (b: forge.util.ByteStringBuffer, o: object) => forge.asn1.Asn1)(forge.util.createBuffer(der.toString('binary')), { parseAllBytes: false })
  const cms = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
  return { cms, signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), contents: [b, c] }
}

function write(dir: string, name: string, bytes: Buffer): string {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  return file
}

/** qpdf's view of the file: every object by its reference, and a resolver. */
function qpdfObjects(file: string) {
  const objects = (JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>] }).qpdf[1]
  const get = (ref: unknown) => {
    const o = objects[`obj:${String(ref)}`]!
    return (o.value ?? o.stream?.dict) as Record<string, unknown>
  }
  const trailer = objects['trailer']!.value as Record<string, unknown>
  return { get, root: get(trailer['/Root']), info: get(trailer['/Info']) }
}

/** Python's `cryptography` reading a DER certificate: its subject as RFC 4514 and each attribute's ASN.1 string type. */
function pythonReads(certFile: string): { subject: string; types: string[] } {
  const script = [
    'import json, sys',
    'from cryptography import x509',
    'c = x509.load_der_x509_certificate(open(sys.argv[1], "rb").read())',
    'print(json.dumps({"subject": c.subject.rfc4514_string(), "types": [a._type.name for a in c.subject]}))',
  ].join('\n')
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, certFile], { encoding: 'utf8' })) as { subject: string; types: string[] }
}

/** The certificates a CMS carries, in order, as openssl reads them: "subject <- issuer", names in UTF-8. */
function cmsCertificates(cmsFile: string): string[] {
  const pems = run('openssl', ['pkcs7', '-inform', 'DER', '-in', cmsFile, '-print_certs']).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  return pems.map((pem) => run('openssl', ['x509', '-noout', '-subject', '-issuer', '-nameopt', 'utf8,sep_comma_plus_space'], Buffer.from(pem)).replace(/\n(?=.)/, ' <- ').replace(/subject=|issuer=/g, '').trim())
}

describe('PAdES B-B: what pdfsig, openssl, qpdf and Python see in a signed report', () => {
  it('a Welsh school’s report: ETSI.CAdES.detached, signing-certificate-v2 and no signing time, certified, UTF-8 names, its language and title', async () => {
    const { core, dir } = await welshSchool()
    const { file, report } = await issueReport(core, { type: 'users-and-roles' }, dir)
    const pdf = readFileSync(file)

    const sig = run('pdfsig', [file])
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached')
    expect(sig).toContain('Signer full Distinguished Name: CN=Ysgol Gŵyr – reports,O=Ysgol Gŵyr,C=GB')
    expect(sig).toContain('Signing Time: Nov 24 2026 10:00:00')
    expect(sig).toContain('Total document signed')
    expect(sig).toContain('Signature is Valid.')

    const { cms, signed } = signatureOf(pdf)
    const cmsFile = write(dir, 'signature.p7s', cms)
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsFile])
    expect(printed).toContain('object: id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)')
    expect(printed).toContain('object: contentType (1.2.840.113549.1.9.3)')
    expect(printed).toContain('object: messageDigest (1.2.840.113549.1.9.4)')
    expect(printed).not.toMatch(/signingTime|1\.2\.840\.113549\.1\.9\.5\b/)
    // openssl checks the signature over the signed bytes, and that signing-certificate-v2 names the signer's certificate.
    const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', write(dir, 'signed.bin', signed), '-noverify', '-out', '/dev/null'], { encoding: 'utf8' })
    expect(verified.stderr).toContain('CMS Verification successful')

    const certPem = run('openssl', ['pkcs7', '-inform', 'DER', '-in', cmsFile, '-print_certs'])
    const certDerFile = join(dir, 'signer.cer')
    execFileSync('openssl', ['x509', '-outform', 'DER', '-out', certDerFile], { input: certPem })
    const der = readFileSync(certDerFile)
    // The attribute carries the SHA-256 of exactly this certificate.
    expect(run('openssl', ['asn1parse', '-inform', 'DER', '-in', cmsFile])).toContain(`[HEX DUMP]:${createHash('sha256').update(der).digest('hex').toUpperCase()}`)

    const x509 = run('openssl', ['x509', '-inform', 'DER', '-in', certDerFile, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'])
    expect(x509).toContain('Subject: C=GB, O=Ysgol Gŵyr, CN=Ysgol Gŵyr – reports')
    expect(x509).toMatch(/Not After : Nov 24 10:00:00 2056 GMT/)
    const certAsn1 = run('openssl', ['asn1parse', '-inform', 'DER', '-in', certDerFile])
    expect(certAsn1).toMatch(/UTF8STRING\s+:Ysgol Gŵyr – reports/)
    expect(certAsn1).toMatch(/UTF8STRING\s+:Ysgol Gŵyr\n/)
    expect(pythonReads(certDerFile)).toEqual({ subject: 'CN=Ysgol Gŵyr – reports,O=Ysgol Gŵyr,C=GB', types: ['PrintableString', 'UTF8String', 'UTF8String'] })

    const { get, root, info } = qpdfObjects(file)
    expect(root['/Lang']).toBe('u:en-GB')
    expect(get(root['/ViewerPreferences'])).toEqual({ '/DisplayDocTitle': true })
    expect(get(info['/Title'])).toBe('u:Users and roles – Ysgol Gŵyr')
    const signature = get((root['/Perms'] as Record<string, unknown>)['/DocMDP'])
    expect(signature).toMatchObject({
      '/Type': '/Sig',
      '/SubFilter': '/ETSI.CAdES.detached',
      '/M': 'u:D:20261124100000Z',
      '/Reference': [{ '/Type': '/SigRef', '/TransformMethod': '/DocMDP', '/TransformParams': { '/Type': '/TransformParams', '/P': 1, '/V': '/1.2' } }],
    })
    const form = get(root['/AcroForm'])
    expect(form['/SigFlags']).toBe(3)
    expect(form).not.toHaveProperty('/NeedAppearances')
    // The field is on the last page, over the printed block (a rectangle with an area), with an appearance.
    const widget = get((form['/Fields'] as string[])[0])
    expect(widget['/V']).toBe((root['/Perms'] as Record<string, string>)['/DocMDP'])
    const kids = get(root['/Pages'])['/Kids'] as string[]
    expect(widget['/P']).toBe(kids.at(-1))
    const [x1, y1, x2, y2] = widget['/Rect'] as number[]
    expect(x2! - x1!).toBeGreaterThan(400)
    expect(y2! - y1!).toBeGreaterThan(150)
    expect(widget['/AP']).toHaveProperty('/N')
    expect(widget['/F']).toBe(132)

    const xmp = run('qpdf', ['--show-object=' + String(root['/Metadata']).replace(' 0 R', ''), '--filtered-stream-data', file])
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Users and roles – Ysgol Gŵyr</rdf:li>')
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>')
    expect(xmp).toContain('<pdf:Producer>Online Safety Register</pdf:Producer>')
    expect(xmp).toContain('<xmp:CreateDate>2026-11-24T10:00:00Z</xmp:CreateDate>')

    // A later revision appended to the file leaves the signed bytes alone: pdfsig and verify-pdf both say so.
    const updated = write(dir, 'updated.pdf', Buffer.concat([pdf, Buffer.from(`\n9999 0 obj\n<< /Annotation (added later) >>\nendobj\n`)]))
    expect(run('pdfsig', [updated])).toContain('Not total document signed')
    expect(await ok(core, 'reports.verify', { fileBase64: readFileSync(updated).toString('base64') })).toMatchObject({ verdict: 'altered', coversWholeFile: false })

    const text = pdftotext(file)
    expect(text).toContain('Digital signature Issued by Ysgol Gŵyr')
    expect(text).toContain('Date and time of issue 24 November 2026 at 10:00 (UK time)')
    expect(text).toContain('Signed with the certificate Ysgol Gŵyr – reports, valid until 24/11/2056')
    const cert = await ok(core, 'certificate.get', {})
    for (const half of [cert.fingerprint.slice(0, 47), cert.fingerprint.slice(48)]) expect(text).toContain(half)
    expect(text).toMatch(/To check a copy yourself, trust the school’s certificate in a PDF reader such as Adobe Acrobat Reader, once its fingerprint matches the one above/)
    expect(text).toContain(`exactly the file it entered as Report ${report.number} with “Check a PDF” in Online Safety Register`)
    expect(report.pageCount).toBe(1)
    if (process.env['OSR_KEEP_PAGES']) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(report.pageCount), '-l', String(report.pageCount), file, join(process.env['OSR_KEEP_PAGES'], 'signature-block')])
  })

  it('gives a report with sections its headings as bookmarks, and one without none', async () => {
    const { core, dir } = await welshSchool()
    const { file } = await issueReport(core, { type: 'aup-status' }, dir)
    const { get, root } = qpdfObjects(file)
    expect(root['/PageMode']).toBe('/UseOutlines')
    const titles: string[] = []
    for (let item = get(root['/Outlines'])['/First']; item; item = get(item)['/Next']) titles.push(String(get(item)['/Title']).replace(/^u:/, ''))
    expect(titles.length).toBeGreaterThanOrEqual(2)
    expect(titles).toContain('Current versions')
    expect(pdftotext(file)).toContain(titles[0]!)

    const users = await issueReport(core, { type: 'users-and-roles' }, dir)
    expect(qpdfObjects(users.file).root).not.toHaveProperty('/Outlines')
  })

  it('a password-protected report is certified and PAdES too, and says its language', async () => {
    const { core, dir } = await welshSchool()
    const { file } = await issueReport(core, { type: 'users-and-roles', password: 'governors-2026' }, dir)
    const sig = run('pdfsig', ['-upw', 'governors-2026', file])
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached')
    expect(sig).toContain('Signature is Valid.')
    const objects = JSON.parse(run('qpdf', ['--password=governors-2026', '--decrypt', '--json', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] }
    const all = objects.qpdf[1]
    const root = all[`obj:${String(all['trailer']!.value!['/Root'])}`]!.value!
    expect(root['/Lang']).toBe('u:en-GB')
    expect(all[`obj:${String((root['/Perms'] as Record<string, string>)['/DocMDP'])}`]!.value).toMatchObject({ '/Reference': [{ '/TransformMethod': '/DocMDP' }] })
    expect((await ok(core, 'reports.verify', { fileBase64: readFileSync(file).toString('base64') })).verdict).toBe('genuine')
  })

  it('the school’s own certificate with its chain: the chain travels in the signature, its passphrase is not kept, and it exports as a .cer', async () => {
    const { core, dir } = await welshSchool()
    const own = chainP12('Ysgol Gŵyr – adroddiadau', 'Awdurdod Addysg – CA')
    const imported = await ok(core, 'certificate.import', { fileBase64: own.p12.toString('base64'), passphrase: own.passphrase })
    expect(imported).toMatchObject({ holder: 'Ysgol Gŵyr – adroddiadau', organisation: 'Ysgol Gŵyr', source: 'imported' })

    // Kept as the app keeps its own: a new AES-256 PKCS#12 under a passphrase of the app's, not the school's.
    const row = await storedCertificate(core)
    expect(row.passphrase).not.toBe(own.passphrase)
    const stored = write(dir, 'stored.p12', row.p12)
    const info = spawnSync('openssl', ['pkcs12', '-info', '-in', stored, '-passin', `pass:${row.passphrase}`, '-noout'], { encoding: 'utf8' })
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/)
    expect(spawnSync('openssl', ['pkcs12', '-info', '-in', stored, '-passin', `pass:${own.passphrase}`, '-noout'], { encoding: 'utf8' }).stderr).toMatch(/invalid password|mac verify failure/i)

    const { file } = await issueReport(core, { type: 'users-and-roles' }, dir)
    const sig = run('pdfsig', [file])
    expect(sig).toContain('Signer Certificate Common Name: Ysgol Gŵyr – adroddiadau')
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached')
    expect(sig).toContain('Signature is Valid.')
    const cmsFile = write(dir, 'chain.p7s', signatureOf(readFileSync(file)).cms)
    // The school's certificate first, then its CA's.
    expect(cmsCertificates(cmsFile)).toEqual(['CN=Ysgol Gŵyr – adroddiadau, O=Ysgol Gŵyr <- CN=Awdurdod Addysg – CA', 'CN=Awdurdod Addysg – CA <- CN=Awdurdod Addysg – CA'])
    const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', write(dir, 'signed.bin', signatureOf(readFileSync(file)).signed), '-CAfile', write(dir, 'ca.pem', Buffer.from(own.caPem)), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' })
    expect(verified.stderr).toContain('CMS Verification successful')
    expect(await ok(core, 'reports.verify', { fileBase64: readFileSync(file).toString('base64') })).toMatchObject({ verdict: 'genuine', signedBy: { holder: 'Ysgol Gŵyr – adroddiadau' } })

    // The certificate for readers to trust: DER, the same fingerprint the app shows, readable by Python.
    const cer = join(dir, 'Ysgol Gŵyr.cer')
    expect(await ok(core, 'certificate.export', { file: cer, replace: false })).toEqual({ file: cer })
    expect(run('openssl', ['x509', '-inform', 'DER', '-in', cer, '-noout', '-fingerprint', '-sha256'])).toContain(`=${imported.fingerprint}`)
    expect(pythonReads(cer).subject).toBe('O=Ysgol Gŵyr,CN=Ysgol Gŵyr – adroddiadau')
    expect(await refused(core, 'certificate.export', { file: cer, replace: false })).toMatchObject({ kind: 'conflict' })
    expect(await refused(core, 'certificate.export', { file: join(dir, 'school.pem'), replace: false })).toMatchObject({ kind: 'validation', field: 'file' })
    expect(existsSync(join(dir, 'school.pem'))).toBe(false)
    const trail = await ok(core, 'audit.list', { offset: 0, limit: 5 })
    expect(trail.rows.map((r) => r.action)).toContain('certificate.export')
  })

  it('the certificate it makes is used for five years and valid for thirty: the next one takes over, and reports signed before still check', async () => {
    const { core, dir, clock } = await welshSchool()
    const first = await ok(core, 'certificate.get', {})
    expect(first).toMatchObject({ source: 'generated', notBefore: '2026-11-24T10:00:00.000Z', notAfter: '2056-11-24T10:00:00.000Z', signsUntil: '2031-11-24T10:00:00.000Z' })
    const before = await issueReport(core, { type: 'users-and-roles' }, join(dir, 'before'))

    clock.now = Date.parse('2031-11-24T10:00:01Z')
    // Five idle years lock any register: sign in again.
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const after = await issueReport(core, { type: 'users-and-roles' }, join(dir, 'after'))
    const second = await ok(core, 'certificate.get', {})
    expect(second.fingerprint).not.toBe(first.fingerprint)
    expect(second).toMatchObject({ notBefore: '2031-11-24T10:00:01.000Z', notAfter: '2061-11-24T10:00:01.000Z' })
    expect(run('pdfsig', [after.file])).toContain('Signature is Valid.')
    // The report made with the first certificate: in date until 2056, and still this school's.
    const old = await ok(core, 'reports.verify', { fileBase64: readFileSync(before.file).toString('base64') })
    expect(old).toMatchObject({ verdict: 'genuine', signedBy: { fingerprint: first.fingerprint } })
    const trail = await ok(core, 'audit.list', { offset: 0, limit: 20 })
    expect(trail.rows.find((r) => r.action === 'certificate.generate')?.detail).toMatch(/renewed after five years/)
  })

  it('still checks a report made before PAdES (adbe.pkcs7.detached, a signing-time attribute, names as PrintableString), and still refuses it changed', () => {
    // Made by the previous version of render-pdf.ts and certificate.ts, kept as it was written.
    const file = join(__dirname, 'fixtures/report-before-pades.pdf')
    expect(run('pdfsig', [file])).toContain('Signature Type: adbe.pkcs7.detached')
    const pdf = readFileSync(file)
    expect(checkPdfSignature(pdf)).toMatchObject({
      kind: 'signed',
      intact: true,
      coversWholeFile: true,
      signer: { holder: 'Ysgol Gŵyr – reports', organisation: 'Ysgol Gŵyr', fingerprint: '70:50:40:E3:F0:65:10:B5:D2:54:06:34:02:B5:DB:2D:92:FB:FE:19:91:65:F2:E3:F6:3D:6E:38:F4:55:ED:8E' },
    })
    const changed = Buffer.from(pdf)
    const at = changed.indexOf('/Producer') + 12
    changed.writeUInt8(changed.readUInt8(at) ^ 1, at)
    expect(checkPdfSignature(changed)).toMatchObject({ kind: 'signed', intact: false })
  })

  it('refuses a copy whose signature names another certificate than the one that verifies it', async () => {
    const { core, dir } = await welshSchool()
    const { file } = await issueReport(core, { type: 'users-and-roles' }, dir)
    const pdf = readFileSync(file)
    const row = await storedCertificate(core)
    const { contents, signed } = signatureOf(pdf)
    // A signature made with the school's own key over the same bytes, whose signing-certificate-v2 gives another certificate's hash.
    const forged = cadesWithCertHash(signed, row.p12, row.passphrase, Buffer.from('another certificate'))
    const hex = forged.toString('hex').padEnd(contents[1] - contents[0] - 2, '0')
    const tampered = Buffer.concat([pdf.subarray(0, contents[0] + 1), Buffer.from(hex, 'latin1'), pdf.subarray(contents[1] - 1)])
    expect(tampered.length).toBe(pdf.length)
    expect(await ok(core, 'reports.verify', { fileBase64: tampered.toString('base64') })).toMatchObject({ verdict: 'altered', signatureIntact: false })
    // The same construction with the right hash verifies: the refusal is about the hash alone.
    const honest = cadesWithCertHash(signed, row.p12, row.passphrase, null)
    const rebuilt = Buffer.concat([pdf.subarray(0, contents[0] + 1), Buffer.from(honest.toString('hex').padEnd(contents[1] - contents[0] - 2, '0'), 'latin1'), pdf.subarray(contents[1] - 1)])
    expect((await ok(core, 'reports.verify', { fileBase64: rebuilt.toString('base64') })).signatureIntact).toBe(true)
  })
})

/** A CAdES signature made with forge as the app makes it, with signing-certificate-v2 over `certHashOf` (null: the signer's own certificate). */
function cadesWithCertHash(content: Buffer, p12: Buffer, passphrase: string, certHashOf: Buffer | null): Buffer {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase)
  const key = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!.key as forge.pki.rsa.PrivateKey
  const cert = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]![0]!.cert!
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
  const p7 = forge.pkcs7.createSignedData()
  p7.content = forge.util.createBuffer(content.toString('binary'))
  p7.addCertificate(cert)
  // The issuer as the certificate writes it (forge would encode its UTF8String names twice).
  const issuer = cert.issuer.attributes.map((a) => ((a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a))
  p7.addSigner({ key, issuer, serialNumber: cert.serialNumber, digestAlgorithm: forge.pki.oids.sha256!, authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: forge.pki.oids.data }, { type: forge.pki.oids.messageDigest! }] } as unknown as Parameters<typeof p7.addSigner>[0])
  p7.sign({ detached: true })
  const m = p7 as unknown as { signers: { authenticatedAttributesAsn1: forge.asn1.Asn1 }[]; signerInfos: forge.asn1.Asn1[] }
  const attrs = m.signers[0]!.authenticatedAttributesAsn1
  const ess = signingCertificateV2(certHashOf ?? certDer)
  attrs.value = [...(attrs.value as forge.asn1.Asn1[]), ess]
  const md = forge.md.sha256.create().update(forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs.value)).getBytes())
  ;(m.signerInfos[0]!.value as forge.asn1.Asn1[]).find((n) => n.type === forge.asn1.Type.OCTETSTRING)!.value = key.sign(md)
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary')
}

/** A CA and the school's certificate signed by it, in one PKCS#12 with the CA first (as some issuers export); UTF8String names. */
function chainP12(commonName: string, caName: string): { p12: Buffer; passphrase: string; caPem: string } {
  const keys = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    return {
      privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
      publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    }
  }
  const utf8 = (v: string) => ({ valueTagClass: forge.asn1.Type.UTF8 as number, value: v })
  const caKeys = keys()
  const ca = forge.pki.createCertificate()
  ca.publicKey = caKeys.publicKey
  ca.serialNumber = '01a2b3'
  ca.validity.notBefore = new Date(ISSUED - 86_400_000)
  ca.validity.notAfter = new Date(ISSUED + 10 * 365 * 86_400_000)
  const caAttrs = [{ name: 'commonName', ...utf8(caName) }]
  ca.setSubject(caAttrs)
  ca.setIssuer(caAttrs)
  ca.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }])
  ca.sign(caKeys.privateKey, forge.md.sha256.create())
  const leafKeys = keys()
  const leaf = forge.pki.createCertificate()
  leaf.publicKey = leafKeys.publicKey
  leaf.serialNumber = '0b2c3d'
  leaf.validity.notBefore = new Date(ISSUED - 86_400_000)
  leaf.validity.notAfter = new Date(ISSUED + 3 * 365 * 86_400_000)
  leaf.setSubject([{ name: 'commonName', ...utf8(commonName) }, { name: 'organizationName', ...utf8('Ysgol Gŵyr') }])
  leaf.setIssuer(caAttrs)
  leaf.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }])
  leaf.sign(caKeys.privateKey, forge.md.sha256.create())
  const passphrase = 'the-schools-own-passphrase'
  const asn1 = forge.pkcs12.toPkcs12Asn1(leafKeys.privateKey, [ca, leaf], passphrase, { algorithm: '3des' })
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase, caPem: forge.pki.certificateToPem(ca) }
}
