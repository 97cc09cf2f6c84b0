import { sign } from 'node:crypto'
import forge from 'node-forge'
import { Signer, SignPdfError } from '@signpdf/utils'
import { derSorted, signingCertificateV2 } from './signing-certificate-v2'

/**
 * Signs a PDF's byte ranges with the key and certificate in a PKCS#12 as a CAdES signature for
 * PAdES B-B: signed attributes content type, message digest and signing-certificate-v2 (the
 * SHA-256 of the signer's certificate, so the signature names the one certificate it was made
 * with), and no signing time. Otherwise as @signpdf's P12Signer, with two differences that
 * matter for a school's own certificate file:
 * - the signer's certificate goes first in the signature, its chain after (a file that carries
 *   its chain often has the CA first, and some readers take the first as the signer);
 * - the signature names its certificate's issuer by the certificate's own bytes. forge rebuilds
 *   the issuer from parsed attributes and UTF-8-encodes a UTF8String value a second time, so a
 *   CA named with an accent or a dash ("Awdurdod Addysg – CA") would name an issuer that does
 *   not exist, and no reader could find the signer.
 * Single use, like P12Signer: one per signature.
 */
export class SchoolP12Signer extends Signer {
  constructor(
    private readonly p12: Buffer,
    private readonly passphrase: string,
  ) {
    super()
  }

  // The signing time is not used: PAdES keeps it out of the CMS (see render-pdf.ts for /M).
  override async sign(pdf: Buffer): Promise<Buffer> {
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(this.p12.toString('binary'))), false, this.passphrase)
    const bags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []
    const key = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined
    const certs = bags.map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c)
    const matches = (c: forge.pki.Certificate) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey
      return !!key && pub.n?.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0
    }
    const certificate = certs.find(matches)
    if (!key || !certificate) throw new SignPdfError('Failed to find a certificate that matches the private key.', SignPdfError.TYPE_INPUT)

    const p7 = forge.pkcs7.createSignedData()
    p7.content = forge.util.createBuffer(pdf.toString('binary'))
    for (const c of [certificate, ...certs.filter((c) => c !== certificate)]) p7.addCertificate(c)
    p7.addSigner({
      // forge signs the attributes it knows; they are signed again, once complete (addSignedAttribute), so its signature is skipped.
      key: { sign: () => '' },
      // Issuer and serial rather than the certificate: given a certificate, forge takes its parsed issuer.
      issuer: issuerAsWritten(certificate),
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256!,
      // No signing time: PAdES forbids it here (the time is the signature dictionary's /M).
      authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: forge.pki.oids.data }, { type: forge.pki.oids.messageDigest! }],
    } as unknown as Parameters<typeof p7.addSigner>[0])
    p7.sign({ detached: true })
    const certificateDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary')
    addSignedAttribute(p7 as unknown as SignedMessage, signingCertificateV2(certificateDer), forge.pki.privateKeyToPem(key))
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary')
  }
}

/**
 * The issuer's attributes such that forge, re-encoding them, writes the certificate's bytes
 * again: a UTF8String value is handed back decoded, since forge encodes it on the way out.
 */
function issuerAsWritten(cert: forge.pki.Certificate): forge.pki.CertificateField[] {
  return cert.issuer.attributes.map((a) => {
    const attr = a as forge.pki.CertificateField & { valueTagClass?: number }
    if (attr.valueTagClass !== (forge.asn1.Type.UTF8 as number) || typeof attr.value !== 'string') return attr
    return { ...attr, value: forge.util.decodeUtf8(attr.value) }
  })
}

/** What forge keeps of a SignedData after p7.sign(): its signers and the SignerInfos made from them. */
interface SignedMessage {
  signers: { authenticatedAttributesAsn1: forge.asn1.Asn1 }[]
  signerInfos: forge.asn1.Asn1[]
}

/**
 * Adds a signed attribute forge cannot make itself (it knows only content type, message digest
 * and signing time) to the one signer, and signs the attributes: the signature is over the DER of
 * the attributes as a SET, in DER order (Node's RSA, in native code). The attributes' ASN.1 is
 * shared by the signer and its SignerInfo; the SignerInfo's one universal OCTET STRING is the signature.
 */
function addSignedAttribute(p7: SignedMessage, attribute: forge.asn1.Asn1, privateKeyPem: string): void {
  const attrs = p7.signers[0]!.authenticatedAttributesAsn1
  attrs.value = derSorted([...(attrs.value as forge.asn1.Asn1[]), attribute])
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs.value)
  const signature = sign('sha256', Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary'), privateKeyPem)
  const signatureNode = (p7.signerInfos[0]!.value as forge.asn1.Asn1[]).find((n) => n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING)
  if (!signatureNode) throw new SignPdfError('The signature could not be completed.', SignPdfError.TYPE_PARSE)
  signatureNode.value = signature.toString('binary')
}
