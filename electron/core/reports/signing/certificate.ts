import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'
import type { SigningCertificate } from '../../../../shared/domain/reports'
import { AppError } from '../../api/app-error'

export interface StoredCertificate {
  /** A PKCS#12 holding the private key and the certificate first, then any chain; AES-256, under `passphrase`. */
  p12: Buffer
  passphrase: string
  holder: string
  organisation: string
  fingerprint: string
  notBefore: string
  notAfter: string
  source: 'generated' | 'imported'
}

/**
 * A certificate the app makes signs reports for this many years; then the app makes a new one
 * (the old one is kept, so the reports it signed still check).
 */
export const SIGNING_YEARS = 5
/** Safeguarding records are kept this long: a report must stay checkable for as long. */
export const RETENTION_YEARS = 25

function addYears(d: Date, years: number): Date {
  const later = new Date(d)
  later.setUTCFullYear(later.getUTCFullYear() + years)
  return later
}

/**
 * A self-signed certificate for the school's reports. It is valid for SIGNING_YEARS +
 * RETENTION_YEARS (30 years) but used for SIGNING_YEARS only, so every report it signs is
 * covered by a certificate still in date for at least RETENTION_YEARS after the report was made.
 * Names are UTF8String (PrintableString has no ŵ or en dash: validators garble or refuse them).
 */
export function generateSchoolCertificate(schoolName: string, now = new Date()): StoredCertificate {
  // Node's native RSA key generation: forge's pure-JS one takes seconds on a school PC.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 })
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString())
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`
  cert.validity.notBefore = now
  cert.validity.notAfter = addYears(now, SIGNING_YEARS + RETENTION_YEARS)
  // forge UTF-8-encodes a value itself when told the tag is UTF8String; the country code is PrintableString by definition.
  const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as number })
  // Most significant first, as X.509 names are written: country, organisation, then the name itself.
  const attrs = [
    { name: 'countryName', value: 'GB' },
    { name: 'organizationName', ...utf8(schoolName) },
    { name: 'commonName', ...utf8(`${schoolName} – reports`) },
  ]
  cert.setSubject(attrs)
  cert.setIssuer(attrs)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(key, forge.md.sha256.create())
  return { ...wrap(key, [cert]), source: 'generated' }
}

/**
 * Reads a school's own PKCS#12 (.p12/.pfx) file, checking it can sign and is in date. Its key
 * and certificates are then kept as the app keeps its own: in a new PKCS#12 under a random
 * passphrase (AES-256), so the school's passphrase is asked once and never stored. The chain
 * the file carries is kept after the school's certificate, and goes into every signature.
 */
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
  const { key, certificate, chain } = contents(parsed)
  if (!key) throw new AppError('validation', 'That certificate file has no private key in it, so it cannot sign. Ask for the file that includes the private key.', 'file')
  if (!certificate) throw new AppError('validation', 'That certificate file’s key and certificate do not belong together.', 'file')
  if (certificate.validity.notAfter < now) throw new AppError('validation', `That certificate expired on ${certificate.validity.notAfter.toISOString().slice(0, 10)}. Ask for a current one.`, 'file')
  return { ...wrap(key, [certificate, ...chain]), source: 'imported' }
}

/** The key and certificates of a stored PKCS#12: the key, the certificate that matches it, and the others. */
function contents(parsed: forge.pkcs12.Pkcs12Pfx): { key?: forge.pki.rsa.PrivateKey; certificate?: forge.pki.Certificate; chain: forge.pki.Certificate[] } {
  const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c)
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined
  if (!key) return { chain: certs }
  const certificate = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n))
  return { key, ...(certificate ? { certificate } : {}), chain: certs.filter((c) => c !== certificate) }
}

function wrap(key: forge.pki.rsa.PrivateKey, certs: forge.pki.Certificate[]): Omit<StoredCertificate, 'source'> {
  const passphrase = randomBytes(24).toString('hex')
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: 'aes256' })
  return { ...describe(derOf(certs[0]!)), p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), passphrase }
}

/** The certificate (DER) reports are signed with, from a stored PKCS#12: what the school hands out for readers to trust. */
export function certificateDer(p12: Buffer, passphrase: string): Buffer {
  const { certificate } = contents(forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase))
  if (!certificate) throw new AppError('internal', 'The school’s signing certificate could not be read. Make a new one in Settings.')
  return derOf(certificate)
}

const derOf = (cert: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')

/** Holder, organisation, fingerprint and dates, read back from the certificate's own bytes. */
export function describe(der: Buffer) {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))))
  return {
    holder: subjectField(cert, 'CN'),
    organisation: subjectField(cert, 'O'),
    fingerprint: fingerprintOf(der),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
  }
}

/**
 * A subject field as text. forge hands a parsed value back as the bytes it read; a UTF8String's
 * bytes are UTF-8. Certificates made by earlier versions of the app wrote UTF-8 bytes under the
 * PrintableString tag, so those are read as UTF-8 too when they are valid UTF-8.
 */
export function subjectField(cert: forge.pki.Certificate, name: string): string {
  const v = cert.subject.getField(name)?.value as string | undefined
  if (!v) return ''
  try {
    return forge.util.decodeUtf8(v)
  } catch {
    return v
  }
}

/** SHA-256 of the certificate's DER, as colon-separated hex (as Windows and Acrobat show it). */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{2}/g)!.join(':')
}

/**
 * The last day the app signs with a certificate: a certificate it made, SIGNING_YEARS after it
 * was made (it stays valid long after, for the reports it signed); the school's own, its expiry.
 */
export function signsUntil(c: Pick<StoredCertificate, 'notBefore' | 'notAfter' | 'source'>): string {
  return c.source === 'generated' ? new Date(Math.min(addYears(new Date(c.notBefore), SIGNING_YEARS).getTime(), Date.parse(c.notAfter))).toISOString() : c.notAfter
}

/** A certificate the app made whose SIGNING_YEARS are over: the app makes the next one. */
export function renewalDue(c: Pick<StoredCertificate, 'notBefore' | 'notAfter' | 'source'>, now: number): boolean {
  return c.source === 'generated' && now >= Date.parse(signsUntil(c))
}

export function summarise(c: Pick<StoredCertificate, 'holder' | 'organisation' | 'fingerprint' | 'notBefore' | 'notAfter' | 'source'>, now = Date.now()): SigningCertificate {
  return {
    holder: c.holder,
    organisation: c.organisation,
    fingerprint: c.fingerprint,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    signsUntil: signsUntil(c),
    source: c.source,
    daysLeft: Math.floor((Date.parse(c.notAfter) - now) / 86_400_000),
  }
}
