import { createHash, verify as verifySignature } from 'node:crypto'
import forge from 'node-forge'
import { fingerprintOf, subjectField } from './certificate'
import { attributeType, certHashIn, OID_SIGNING_CERTIFICATE_V2 } from './signing-certificate-v2'

export interface SignatureCheck {
  kind: 'not-a-pdf' | 'not-signed' | 'signed'
  /** The signed bytes hash to the digest the signature carries, and the signature verifies with its certificate. */
  intact: boolean
  /** The signature covers every byte of the file (nothing appended after signing). */
  coversWholeFile: boolean
  signer: { holder: string; organisation: string; fingerprint: string; notAfter: string } | null
}

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4'
const OID_SHA256 = '2.16.840.1.101.3.4.2.1'

/**
 * Checks the last signature in a PDF the way a reader does: the bytes named by /ByteRange are
 * hashed, the hash must equal the one signed in the PKCS#7 signed attributes, and the signature
 * over those attributes must verify with the signer's certificate.
 */
export function checkPdfSignature(pdf: Buffer): SignatureCheck {
  const none = { intact: false, coversWholeFile: false, signer: null }
  if (!pdf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return { kind: 'not-a-pdf', ...none }

  const at = pdf.lastIndexOf('/ByteRange')
  if (at < 0) return { kind: 'not-signed', ...none }
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.subarray(at, at + 120).toString('latin1'))
  if (!m) return { kind: 'signed', ...none }
  const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number]
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { kind: 'signed', ...none }
  const coversWholeFile = c + d === pdf.length

  const hex = pdf.subarray(b, c).toString('latin1').replace(/[<>\s]/g, '')
  let signer: SignatureCheck['signer'] = null
  try {
    const der = Buffer.from(hex, 'hex')
    // The /Contents placeholder is zero-padded after the DER: parse what is there, ignore the padding.
    const fromDer = forge.asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: object) => forge.asn1.Asn1
    const asn1 = fromDer(forge.util.createBuffer(der.toString('binary')), { parseAllBytes: false })
    const p7 = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData & {
      rawCapture: { signature: string; authenticatedAttributes?: forge.asn1.Asn1[]; digestAlgorithm: string; issuer?: forge.asn1.Asn1; serial?: string }
    }
    const cert = signerCertificate(p7.certificates, p7.rawCapture)
    if (!cert) return { kind: 'signed', intact: false, coversWholeFile, signer }
    const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
    signer = { holder: subjectField(cert, 'CN'), organisation: subjectField(cert, 'O'), fingerprint: fingerprintOf(certDer), notAfter: cert.validity.notAfter.toISOString() }

    const attrs = p7.rawCapture.authenticatedAttributes
    if (!attrs || forge.asn1.derToOid(p7.rawCapture.digestAlgorithm) !== OID_SHA256) return { kind: 'signed', intact: false, coversWholeFile, signer }
    const signedDigest = attrs
      .map((attr) => attr.value as forge.asn1.Asn1[])
      .find((v) => forge.asn1.derToOid(v[0]!.value as string) === OID_MESSAGE_DIGEST)?.[1]?.value as forge.asn1.Asn1[] | undefined
    const expected = Buffer.from((signedDigest?.[0]?.value as string | undefined) ?? '', 'binary')
    const actual = createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest()
    // The signature is over the DER of the attributes as a SET (they are stored [0] IMPLICIT).
    const signedAttrs = Buffer.from(forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs)).getBytes(), 'binary')
    const publicKey = forge.pki.publicKeyToPem(cert.publicKey as forge.pki.rsa.PublicKey)
    const signatureOk = verifySignature('sha256', signedAttrs, publicKey, Buffer.from(p7.rawCapture.signature, 'binary'))
    return { kind: 'signed', intact: expected.equals(actual) && signatureOk && namesItsCertificate(attrs, certDer), coversWholeFile, signer }
  } catch {
    return { kind: 'signed', intact: false, coversWholeFile, signer }
  }
}

/**
 * The certificate that made the signature: the one whose issuer and serial number the
 * signature names (its SignerInfo). A certificate file that carries its chain puts the CA's
 * certificate in the signature too, often first, so the first certificate is not the signer.
 */
function signerCertificate(certificates: forge.pki.Certificate[], signerInfo: { issuer?: forge.asn1.Asn1; serial?: string }): forge.pki.Certificate | undefined {
  if (!signerInfo.issuer || signerInfo.serial === undefined) return undefined
  // forge keeps each certificate's issuer as the SHA-1 of its DER, and its serial as hex of the raw bytes.
  const issuerHash = forge.md.sha1.create().update(forge.asn1.toDer(signerInfo.issuer).getBytes()).digest().toHex()
  const serial = forge.util.bytesToHex(signerInfo.serial).toLowerCase()
  return certificates.find((c) => c.issuer.hash === issuerHash && c.serialNumber.toLowerCase() === serial)
}

/**
 * A PAdES signature's signing-certificate-v2 attribute must give the SHA-256 of the certificate
 * that verifies it (else a certificate with the same key could be passed off as the signer).
 * Reports signed before PAdES carry no such attribute: nothing to compare.
 */
function namesItsCertificate(attrs: forge.asn1.Asn1[], certDer: Buffer): boolean {
  const attribute = attrs.find((a) => attributeType(a) === OID_SIGNING_CERTIFICATE_V2)
  if (!attribute) return true
  const hash = certHashIn(attribute)
  return !!hash && hash.equals(createHash('sha256').update(certDer).digest())
}
