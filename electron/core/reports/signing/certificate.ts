import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'
import type { SigningCertificate } from '../../../../shared/domain/reports'
import { AppError } from '../../api/app-error'

export interface StoredCertificate {
  p12: Buffer
  passphrase: string
  holder: string
  organisation: string
  fingerprint: string
  notBefore: string
  notAfter: string
  source: 'generated' | 'imported'
}

/** Subject values must be UTF-8 encoded for forge, or a Welsh or Polish school name breaks the signature. */
const utf8 = (s: string) => forge.util.encodeUtf8(s)

/** A self-signed certificate for the school's reports, valid for five years. */
export function generateSchoolCertificate(schoolName: string, now = new Date()): StoredCertificate {
  // Node's native RSA key generation: forge's pure-JS one takes seconds on a school PC.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 })
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString())
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`
  cert.validity.notBefore = now
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365.25 * 86_400_000)
  const attrs = [
    { name: 'commonName', value: utf8(`${schoolName} – reports`) },
    { name: 'organizationName', value: utf8(schoolName) },
    { name: 'countryName', value: 'GB' },
  ]
  cert.setSubject(attrs)
  cert.setIssuer(attrs)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(key, forge.md.sha256.create())
  const passphrase = randomBytes(24).toString('hex')
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256' })
  return { ...describeForge(cert), p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), passphrase, source: 'generated' }
}

/** Reads a school's own PKCS#12 (.p12/.pfx) file, checking it can sign and is in date. */
export function importCertificate(p12: Buffer, passphrase: string, now = new Date()): StoredCertificate {
  let parsed: forge.pkcs12.Pkcs12Pfx
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase)
  } catch (err) {
    const wrongPass = /MAC could not be verified|Invalid password/i.test(String((err as Error).message))
    throw new AppError(
      'validation',
      wrongPass
        ? 'That passphrase does not open the certificate file. Check it with whoever issued the certificate.'
        : 'That file is not a certificate file the app can read. It should be a .p12 or .pfx file containing the private key.',
      wrongPass ? 'passphrase' : 'file',
    )
  }
  const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]
  const certs = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined
  if (!key) throw new AppError('validation', 'That certificate file has no private key in it, so it cannot sign. Ask for the file that includes the private key.', 'file')
  const cert = certs.map((b) => b.cert).find((c): c is forge.pki.Certificate => !!c && (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n))
  if (!cert) throw new AppError('validation', 'That certificate file’s key and certificate do not belong together.', 'file')
  if (cert.validity.notAfter < now) throw new AppError('validation', `That certificate expired on ${cert.validity.notAfter.toISOString().slice(0, 10)}. Ask for a current one.`, 'file')
  return { ...describeForge(cert), p12, passphrase, source: 'imported' }
}

function describeForge(cert: forge.pki.Certificate) {
  const field = (name: string) => {
    const v = cert.subject.getField(name)?.value as string | undefined
    if (!v) return ''
    try {
      return forge.util.decodeUtf8(v)
    } catch {
      return v
    }
  }
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
  return {
    holder: field('CN'),
    organisation: field('O'),
    fingerprint: fingerprintOf(der),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
  }
}

/** SHA-256 of the certificate's DER, as colon-separated hex (as Windows and Acrobat show it). */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{2}/g)!.join(':')
}

export function summarise(c: Pick<StoredCertificate, 'holder' | 'organisation' | 'fingerprint' | 'notBefore' | 'notAfter' | 'source'>, now = Date.now()): SigningCertificate {
  return {
    holder: c.holder,
    organisation: c.organisation,
    fingerprint: c.fingerprint,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    source: c.source,
    daysLeft: Math.floor((Date.parse(c.notAfter) - now) / 86_400_000),
  }
}
