import forge from 'node-forge'
import { Signer, SignPdfError } from '@signpdf/utils'

/**
 * Signs a PDF's byte ranges with the key and certificate in a PKCS#12, as @signpdf's P12Signer
 * does, with two differences that matter for a school's own certificate file:
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

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
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
      key,
      // Issuer and serial rather than the certificate: given a certificate, forge takes its parsed issuer.
      issuer: issuerAsWritten(certificate),
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256!,
      // The order matters for EU validators (as in P12Signer): content type, signing time, digest.
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0])
    p7.sign({ detached: true })
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
